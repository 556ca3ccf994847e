package dev.oxtask.notes.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes whole records to files shared by parallel jobs, where a user's path leads: through
 * symbolic links (the link stays), and to devices and pipes ({@code /dev/null}, {@code
 * /dev/stdout}, a FIFO), which are written in place. Appends to a regular file hold an in-process
 * lock (a JVM may not hold two {@link FileLock}s on one file) and then an OS file lock (for other
 * ox-task processes); a failed append is cut back off, so the file never keeps half a record. New
 * files get the mode the process's umask gives, like other programs' output.
 */
final class LockedFile {

  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
  private static final int MAX_LINKS = 40;

  private LockedFile() {}

  /** Appends {@code record} to {@code path}, creating the file and its parent folders. */
  static void append(Path path, byte[] record) throws IOException {
    createParents(path);
    Path target = followLinks(path);
    try (FileChannel channel =
        FileChannel.open(
            target,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      boolean regular = !isSpecial(target) && Files.isRegularFile(target);
      // One lock per file, however its path is spelled; parallel jobs writing to one device
      // (/dev/stdout) take turns too.
      Path key = regular ? target.toRealPath() : target;
      ReentrantLock inProcess = LOCKS.computeIfAbsent(key, p -> new ReentrantLock());
      inProcess.lock();
      try {
        if (regular) {
          appendLocked(channel, record);
        } else {
          writeFully(channel, record); // a device or pipe has no size to cut back to
        }
      } finally {
        inProcess.unlock();
      }
    }
  }

  private static void appendLocked(FileChannel channel, byte[] record) throws IOException {
    try (FileLock ignored = channel.lock()) {
      long start = channel.size();
      try {
        writeFully(channel, record);
      } catch (IOException e) {
        channel.truncate(start);
        throw e;
      }
    }
  }

  /**
   * Replaces the content of the regular file {@code path} leads to with {@code content} in one
   * move, so readers and a failed write never see a half-written file; the file keeps its mode. A
   * device or pipe is written in place.
   */
  static void replace(Path path, byte[] content) throws IOException {
    createParents(path);
    Path target = followLinks(path);
    if (isSpecial(target) || (Files.exists(target) && !Files.isRegularFile(target))) {
      // Appending, not truncating: /dev/stdout may be the file a shell redirected output to.
      Files.write(target, content, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return;
    }
    if (!target.equals(path.toAbsolutePath())) {
      createParents(target); // a link may lead to a folder still to be made
    }
    Path temp = createBeside(target, content);
    boolean moved = false;
    try {
      keepMode(target, temp);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** The path that writing to {@code path} reaches, symbolic links followed. */
  private static Path followLinks(Path path) throws IOException {
    Path current = path.toAbsolutePath();
    for (int links = 0; Files.isSymbolicLink(current) && !isSpecial(current); links++) {
      if (links == MAX_LINKS) {
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
      }
      current = current.resolveSibling(Files.readSymbolicLink(current));
    }
    return current;
  }

  /**
   * Devices, and {@code /proc}'s links to a process's open files ({@code /dev/stdout} leads to
   * {@code /proc/self/fd/1}), are written where they are, never replaced.
   */
  private static boolean isSpecial(Path path) {
    return path.startsWith("/dev") || path.startsWith("/proc");
  }

  /**
   * A new file in {@code target}'s folder holding {@code content}. Unlike {@link
   * Files#createTempFile}, which makes it 0600, it gets the mode the umask gives new files, which a
   * new {@code target} keeps.
   */
  private static Path createBeside(Path target, byte[] content) throws IOException {
    String prefix = "." + target.getFileName() + ".";
    for (int attempt = 0; ; attempt++) {
      Path temp =
          target.resolveSibling(
              prefix + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".partial");
      OutputStream out;
      try {
        out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
        continue;
      }
      try (out) {
        out.write(content);
      } catch (IOException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      return temp;
    }
  }

  /**
   * Gives {@code temp} the mode of {@code target} when that exists (read from the file itself: a
   * file system's store, which would say whether it has modes at all, is found by reading the mount
   * table).
   */
  private static void keepMode(Path target, Path temp) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      Files.setPosixFilePermissions(temp, view.readAttributes().permissions());
    } catch (NoSuchFileException e) {
      // A new target: it keeps the mode the umask gave.
    }
  }

  private static void createParents(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    // A look first: creating a folder that exists costs a failed mkdir and an exception per note.
    if (parent != null && !Files.isDirectory(parent)) {
      Files.createDirectories(parent);
    }
  }

  private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
