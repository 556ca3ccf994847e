package dev.oxtask.core.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Drains one of a process's output streams on its own thread: secrets masked, every byte streamed
 * to a log file, only a bounded head and tail kept in memory.
 */
final class OutputCapture {

  private final InputStream in;
  private final HeadTail kept;
  private final Optional<Path> logFile;
  private final OutputStream sink;
  private final Thread thread;
  private volatile IOException failure;
  private volatile boolean cutShort;

  /**
   * Starts draining {@code in}.
   *
   * @param logFile where the whole (masked) stream goes; appended to when {@code append}
   * @param banner written to the log file first (e.g. which attempt this is), may be empty
   */
  OutputCapture(
      String name,
      InputStream in,
      OutputLimit limit,
      Optional<Path> logFile,
      boolean append,
      String banner,
      List<String> secrets)
      throws IOException {
    this.in = in;
    this.kept = new HeadTail(limit.headBytes(), limit.tailBytes());
    this.logFile = logFile;
    OutputStream file = logFile.isPresent() ? open(logFile.get(), append) : null;
    if (file != null && !banner.isEmpty()) {
      file.write(banner.getBytes(StandardCharsets.UTF_8));
    }
    this.sink = new SecretFilter(new Tee(file, kept), secrets);
    this.thread = new Thread(this::drain, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static OutputStream open(Path file, boolean append) throws IOException {
    Files.createDirectories(file.getParent());
    return new BufferedOutputStream(
        append
            ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
            : Files.newOutputStream(file),
        1 << 16);
  }

  private void drain() {
    byte[] buffer = new byte[1 << 16];
    try (OutputStream out = sink) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // Closing the pipe to stop waiting (see finish) ends the read this way: not a failure.
      if (!cutShort) {
        failure = e;
      }
    }
  }

  /**
   * Waits up to {@code drain} for the stream to end, then stops reading: a process that escaped the
   * job's session may hold the pipe open forever and must not hang the runner.
   *
   * @return false when reading had to be cut short
   */
  boolean finish(Duration drain) throws InterruptedException {
    thread.join(drain.toMillis());
    boolean complete = !thread.isAlive();
    if (!complete) {
      cutShort = true;
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      thread.join();
    }
    if (failure != null) {
      throw new UncheckedIOException("could not save output to " + logFile.orElse(null), failure);
    }
    return complete;
  }

  /** The text kept in memory (head and tail when truncated). */
  String text() {
    return kept.text(logFile.map(Path::toString).orElse("no file"));
  }

  boolean truncated() {
    return kept.truncated();
  }

  /** Writes each byte to the log file (if any) and to the in-memory head and tail. */
  private static final class Tee extends OutputStream {
    private final OutputStream file;
    private final HeadTail kept;

    Tee(OutputStream file, HeadTail kept) {
      this.file = file;
      this.kept = kept;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (file != null) {
        file.write(bytes, offset, length);
      }
      kept.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      if (file != null) {
        file.close();
      }
    }
  }
}
