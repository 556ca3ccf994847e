package dev.oxtask.notes.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes whole records to files shared by parallel jobs. Appends hold an in-process lock (a JVM may
 * not hold two {@link FileLock}s on one file) and then an OS file lock (for other ox-task
 * processes); a failed append is cut back off, so the file never keeps half a record.
 */
final class LockedFile {

  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private LockedFile() {}

  /** Appends {@code record} to {@code path}, creating the file and its parent folders. */
  static void append(Path path, byte[] record) throws IOException {
    createParents(path);
    try (FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ReentrantLock inProcess = LOCKS.computeIfAbsent(path.toRealPath(), p -> new ReentrantLock());
      inProcess.lock();
      try (FileLock ignored = channel.lock()) {
        long start = channel.size();
        try {
          writeFully(channel, record);
        } catch (IOException e) {
          channel.truncate(start);
          throw e;
        }
      } finally {
        inProcess.unlock();
      }
    }
  }

  /**
   * Replaces {@code path}'s content with {@code content} in one move, so readers and a failed write
   * never see a half-written file.
   */
  static void replace(Path path, byte[] content) throws IOException {
    createParents(path);
    Path absolute = path.toAbsolutePath();
    Path temp =
        Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
    try {
      Files.write(temp, content);
      Files.move(
          temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void createParents(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
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
