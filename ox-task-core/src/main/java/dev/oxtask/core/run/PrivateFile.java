package dev.oxtask.core.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files only their owner may read (0600), written without following a link someone else planted:
 * state, reports and logs of ox-task (spec section 4).
 */
public final class PrivateFile {

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  /** How many random names are tried for a new file before giving up (one nearly always does). */
  private static final int NAME_ATTEMPTS = 100;

  private PrivateFile() {}

  /** Writes an output stream; may throw what writing throws. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Replaces {@code target} whole, in one rename: the content goes to a new file with a random name
   * beside it (created exclusively, so no planted link is followed), which then takes the target's
   * place. A link at {@code target} itself is replaced, not followed. On failure the target is
   * untouched and nothing is left behind.
   */
  public static void replace(Path target, Content content) throws IOException {
    Path temp = writeBeside(target, content);
    boolean moved = false;
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * A new file with a random name beside {@code target}, created exclusively (0600) and holding
   * {@code content}; nothing is left behind when writing fails.
   */
  private static Path writeBeside(Path target, Content content) throws IOException {
    for (int attempt = 1; ; attempt++) {
      // Not a UUID, whose SecureRandom takes tens of milliseconds to seed: the name only has to be
      // new, which CREATE_NEW checks.
      String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
      Path temp = target.resolveSibling("." + target.getFileName() + "." + random + ".tmp");
      OutputStream out;
      try {
        out =
            Channels.newOutputStream(
                Files.newByteChannel(
                    temp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly()));
      } catch (FileAlreadyExistsException e) {
        if (attempt == NAME_ATTEMPTS) {
          throw e;
        }
        continue; // taken, or a planted link: another name
      }
      boolean written = false;
      try (out) {
        content.writeTo(out);
        written = true;
      } finally {
        if (!written) {
          Files.deleteIfExists(temp);
        }
      }
      return temp;
    }
  }

  /** Appends {@code text} to {@code file}, creating it 0600; a link at {@code file} is refused. */
  public static void append(Path file, String text) throws IOException {
    try (OutputStream out = openForAppend(file)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Opens {@code file} to append to, creating it 0600; a link at {@code file} is refused. */
  public static OutputStream openForAppend(Path file) throws IOException {
    Set<OpenOption> options =
        Set.of(
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    return Channels.newOutputStream(Files.newByteChannel(file, options, ownerOnly()));
  }

  /** The attribute that creates a file 0600, where the file system has POSIX permissions. */
  static FileAttribute<?>[] ownerOnly() {
    return permissions("rw-------");
  }

  /** The attribute that creates a folder 0700, where the file system has POSIX permissions. */
  static FileAttribute<?>[] ownerOnlyFolder() {
    return permissions("rwx------");
  }

  private static FileAttribute<?>[] permissions(String mode) {
    if (!POSIX) {
      return new FileAttribute<?>[0];
    }
    Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
  }
}
