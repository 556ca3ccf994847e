package dev.oxtask.core.pyenv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive right to check and build one env folder, held across threads of this JVM and across
 * ox_task processes sharing a work dir ({@link FileChannel#lock} on a lock file beside the folder).
 */
final class EnvLock implements AutoCloseable {

  // A JVM cannot hold two file locks on one file (OverlappingFileLockException), so threads of
  // this JVM queue on a plain lock first.
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
  private static final Duration POLL = Duration.ofMillis(200);

  private final ReentrantLock jvmLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private EnvLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
    this.jvmLock = jvmLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /**
   * Takes the lock on {@code lockFile}, waiting until {@code deadline}; empty when another holder
   * kept it that long. {@code onWait} is told once if the lock is not free at the first try.
   */
  static Optional<EnvLock> acquire(Path lockFile, Instant deadline, WaitListener onWait)
      throws IOException, InterruptedException {
    ReentrantLock jvmLock =
        IN_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(), path -> new ReentrantLock());
    boolean waited = false;
    if (!jvmLock.tryLock()) {
      onWait.waiting();
      waited = true;
      if (!jvmLock.tryLock(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
        return Optional.empty();
      }
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fileLock;
      // Polled rather than FileChannel.lock(), so waiting for another process obeys the deadline.
      while ((fileLock = channel.tryLock()) == null) {
        if (!waited) {
          onWait.waiting();
          waited = true;
        }
        if (remainingMillis(deadline) <= 0) {
          channel.close();
          jvmLock.unlock();
          return Optional.empty();
        }
        Thread.sleep(Math.min(POLL.toMillis(), remainingMillis(deadline)));
      }
      return Optional.of(new EnvLock(jvmLock, channel, fileLock));
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      jvmLock.unlock();
      throw e;
    }
  }

  /** Told once when the lock is held by someone else, before waiting for it. */
  interface WaitListener {
    void waiting() throws IOException;
  }

  private static long remainingMillis(Instant deadline) {
    return Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
  }

  @Override
  public void close() throws IOException {
    try {
      fileLock.release();
      channel.close();
    } finally {
      jvmLock.unlock();
    }
  }
}
