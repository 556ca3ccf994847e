package dev.oxtask.core.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock held across the threads of this JVM and across processes, on a lock file of its
 * own (created 0600): for a read-modify-write of a file that several runs share, such as {@code
 * state.json}, or the build of an env folder. Use with try-with-resources.
 */
public final class LockFile implements AutoCloseable {

  // A JVM cannot hold two file locks on one file (OverlappingFileLockException), so threads of
  // this JVM queue on a plain lock first.
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 50;

  private final ReentrantLock jvmLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private LockFile(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
    this.jvmLock = jvmLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /**
   * Takes the lock on {@code file}, waiting up to {@code patience} for another holder.
   *
   * @throws IOException when the lock file cannot be opened, or another holder kept the lock
   */
  public static LockFile acquire(Path file, Duration patience)
      throws IOException, InterruptedException {
    Optional<LockFile> lock = acquire(file, Instant.now().plus(patience), QUIET);
    if (lock.isEmpty()) {
      throw busy(file, patience);
    }
    return lock.get();
  }

  /**
   * Takes the lock on {@code file}, waiting until {@code deadline}; empty when another holder kept
   * it that long (a deadline already past: one try). {@code onWait} is told once if the lock is not
   * free at the first try.
   *
   * @throws IOException when the lock file cannot be opened, or {@code onWait} failed
   */
  public static Optional<LockFile> acquire(Path file, Instant deadline, WaitListener onWait)
      throws IOException, InterruptedException {
    ReentrantLock jvmLock = jvmLockOf(file);
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
      Set<OpenOption> options =
          Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      channel = FileChannel.open(file, options, PrivateFile.ownerOnly());
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
        Thread.sleep(Math.min(POLL_MILLIS, remainingMillis(deadline)));
      }
      return Optional.of(new LockFile(jvmLock, channel, fileLock));
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      jvmLock.unlock();
      throw e;
    }
  }

  /** Told once when another holder has the lock, before waiting for it. */
  public interface WaitListener {
    void waiting() throws IOException;
  }

  private static final WaitListener QUIET =
      new WaitListener() {
        @Override
        public void waiting() {}
      };

  private static ReentrantLock jvmLockOf(Path file) {
    Path key = file.toAbsolutePath().normalize();
    ReentrantLock fresh = new ReentrantLock();
    ReentrantLock existing = IN_JVM.putIfAbsent(key, fresh);
    return existing == null ? fresh : existing;
  }

  private static long remainingMillis(Instant deadline) {
    return Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
  }

  private static IOException busy(Path file, Duration patience) {
    return new IOException(
        "another ox_task process held the lock "
            + file
            + " for more than "
            + patience.toSeconds()
            + " s");
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
