package dev.oxtask.core.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Drains one of a process's output streams on a pooled thread: secrets masked, every byte streamed
 * to a log file, only a bounded head and tail kept in memory.
 */
final class OutputCapture {

  /** Pump threads are reused from job to job; one stays blocked only while a pipe stays open. */
  private static final ExecutorService PUMPS =
      Executors.newCachedThreadPool(new DaemonThreads("ox_task-output-", 256 << 10));

  private static final ThreadLocal<byte[]> BUFFERS =
      new ThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
          return new byte[1 << 16];
        }
      };

  private final InputStream in;
  private final HeadTail kept;
  private final Optional<LogFile> log;
  private final OutputStream sink;
  private final CountDownLatch done = new CountDownLatch(1);
  private boolean closed;

  /**
   * Starts draining {@code in}.
   *
   * @param log where the whole (masked) stream goes, if anywhere
   */
  OutputCapture(InputStream in, OutputLimit limit, Optional<LogFile> log, List<String> secrets) {
    this.in = in;
    this.kept = new HeadTail(limit.headBytes(), limit.tailBytes());
    this.log = log;
    this.sink = new SecretFilter(new Tee(log, kept), secrets);
    PUMPS.execute(
        new Runnable() {
          @Override
          public void run() {
            drain();
          }
        });
  }

  private void drain() {
    byte[] buffer = BUFFERS.get();
    try {
      int n;
      while ((n = in.read(buffer)) >= 0 && write(buffer, n)) {
        // written
      }
    } catch (IOException e) {
      // The pipe was closed under the read (see finish): the stream is over either way.
    } finally {
      close();
      done.countDown();
    }
  }

  private synchronized boolean write(byte[] buffer, int length) throws IOException {
    if (closed) {
      return false;
    }
    sink.write(buffer, 0, length);
    return true;
  }

  private synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      sink.close();
    } catch (IOException e) {
      // The log file's own failures are kept by LogFile; nothing else here can fail.
    }
  }

  /** Waits up to {@code time} for the stream to end; true when it has. */
  boolean await(Duration time) throws InterruptedException {
    return done.await(time.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Waits until {@code deadline} ({@link System#nanoTime}) for the stream to end, then stops
   * reading: a process that escaped the job may hold the pipe open forever and must not hang the
   * runner. A read still blocked then is left to end when the pipe closes; what it reads is
   * dropped.
   *
   * @return false when reading had to be cut short
   */
  boolean finish(long deadline) throws InterruptedException {
    boolean complete = done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    if (!complete) {
      close();
      try {
        in.close();
      } catch (IOException e) {
        // Closing only releases our end early; the blocked read keeps nothing else waiting.
      }
    }
    return complete;
  }

  /** The text kept in memory (head and tail when truncated). */
  String text() {
    return kept.text(log.isPresent() ? log.get().path().toString() : "no file");
  }

  boolean truncated() {
    return kept.truncated();
  }

  /** Why the log file misses some of the output, if it does. */
  Optional<String> logProblem() {
    return log.isPresent() ? log.get().problem() : Optional.empty();
  }

  /** Writes each byte to the log file (if any) and to the in-memory head and tail. */
  private static final class Tee extends OutputStream {
    private final Optional<LogFile> log;
    private final HeadTail kept;

    Tee(Optional<LogFile> log, HeadTail kept) {
      this.log = log;
      this.kept = kept;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      if (log.isPresent()) {
        log.get().write(bytes, offset, length);
      }
      kept.write(bytes, offset, length);
    }

    @Override
    public void close() {
      if (log.isPresent()) {
        log.get().close();
      }
    }
  }
}
