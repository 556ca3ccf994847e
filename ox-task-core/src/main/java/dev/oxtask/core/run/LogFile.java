package dev.oxtask.core.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * A job's log file (mode 0600), opened when the first byte arrives or, for a silent stream, when it
 * ends. A failing write (disk full) never stops the job: the file keeps what it got and {@link
 * #problem} says so.
 */
final class LogFile {

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final Path path;
  private final boolean append;
  private final String banner;
  private OutputStream out;
  private IOException failure;
  private boolean closed;

  /**
   * @param append add to the file (a retry) instead of replacing it
   * @param banner written first (e.g. which attempt this is), may be empty
   */
  LogFile(Path path, boolean append, String banner) {
    this.path = path;
    this.append = append;
    this.banner = banner;
  }

  Path path() {
    return path;
  }

  void write(byte[] bytes, int offset, int length) {
    if (failure != null || closed || length == 0) {
      return;
    }
    try {
      if (out == null) {
        open();
      }
      out.write(bytes, offset, length);
    } catch (IOException e) {
      fail(e);
    }
  }

  void close() {
    if (closed) {
      return;
    }
    try {
      if (out == null && failure == null) {
        // Nothing arrived: the file is still made, so that the result names files that exist.
        channel().close();
      } else if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      fail(e);
    }
    closed = true;
  }

  /** Why the file misses some of the output, if it does. */
  Optional<String> problem() {
    if (failure == null) {
      return Optional.empty();
    }
    return Optional.of(
        "ox_task could not save all of the output to "
            + path
            + " ("
            + failure.getMessage()
            + "); that log file is incomplete");
  }

  private void open() throws IOException {
    out = new BufferedOutputStream(Channels.newOutputStream(channel()), 1 << 13);
  }

  /** The file opened (created 0600 if new), the banner written. */
  private SeekableByteChannel channel() throws IOException {
    OpenOption[] options =
        append
            ? new OpenOption[] {
              StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND
            }
            : new OpenOption[] {
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING
            };
    SeekableByteChannel channel = Files.newByteChannel(path, Set.of(options), OWNER_ONLY);
    if (!banner.isEmpty()) {
      try {
        channel.write(ByteBuffer.wrap(banner.getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        channel.close();
        throw e;
      }
    }
    return channel;
  }

  private void fail(IOException e) {
    failure = e;
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // The first failure is the one reported.
      }
    }
  }
}
