package dev.oxtask.core.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs one process to its end: in its own session, stdin empty, both output streams captured, its
 * whole tree stopped on timeout or cancellation, and anything it leaves running stopped when it
 * exits.
 */
final class ProcessRun {

  /** How a process run ended. */
  enum End {
    EXITED,
    TIMED_OUT,
    CANCELLED
  }

  /**
   * What a process run did.
   *
   * @param leftovers a sentence about processes the job left running that were stopped, if any
   */
  record Outcome(
      End end,
      OptionalInt exitCode,
      String stdout,
      String stderr,
      boolean stdoutTruncated,
      boolean stderrTruncated,
      Optional<String> leftovers) {}

  /**
   * Where the two streams go.
   *
   * @param stdoutFile the log file for stdout, if any (stderr's is given alongside)
   * @param append add to the log files (a retry) instead of replacing them
   * @param banner written to each log file first
   * @param secrets values to mask, longest first
   */
  record Capture(
      OutputLimit limit,
      Optional<Path> stdoutFile,
      Optional<Path> stderrFile,
      boolean append,
      String banner,
      List<String> secrets) {}

  /** How long to wait for the output pipes to close after the process tree is gone. */
  private static final Duration DRAIN = Duration.ofSeconds(2);

  private final Duration grace;
  private final Cancellation cancellation;

  ProcessRun(Duration grace, Cancellation cancellation) {
    this.grace = grace;
    this.cancellation = cancellation;
  }

  /**
   * Starts {@code command} and waits for it.
   *
   * @throws IOException when the process could not be started
   */
  Outcome run(
      List<String> command,
      Path cwd,
      Map<String, String> environment,
      Duration timeout,
      Capture capture)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(ProcessTree.inNewSession(command))
            .directory(cwd.toFile())
            .redirectInput(Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    ProcessTree tree = new ProcessTree(process);
    OutputCapture out;
    OutputCapture err;
    try {
      out = capture(process, "stdout", process.getInputStream(), capture.stdoutFile(), capture);
      err = capture(process, "stderr", process.getErrorStream(), capture.stderrFile(), capture);
    } catch (IOException e) {
      tree.stop(Duration.ZERO);
      throw new IOException("cannot write its output log: " + e, e);
    }
    End end = waitFor(process, timeout);
    Optional<String> leftovers = Optional.empty();
    if (end == End.EXITED) {
      leftovers = describe(tree.leftovers());
    }
    // Also on a normal exit: background processes must not outlive their job.
    tree.stop(end == End.EXITED && leftovers.isEmpty() ? Duration.ZERO : grace);
    process.waitFor();
    out.finish(DRAIN);
    err.finish(DRAIN);
    return new Outcome(
        end,
        end == End.EXITED ? OptionalInt.of(process.exitValue()) : OptionalInt.empty(),
        out.text(),
        err.text(),
        out.truncated(),
        err.truncated(),
        leftovers);
  }

  private static OutputCapture capture(
      Process process, String stream, InputStream in, Optional<Path> file, Capture c)
      throws IOException {
    return new OutputCapture(
        "ox_task-" + process.pid() + "-" + stream,
        in,
        c.limit(),
        file,
        c.append(),
        c.banner(),
        c.secrets());
  }

  private End waitFor(Process process, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (cancellation.isCancelled()) {
        return End.CANCELLED;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return End.TIMED_OUT;
      }
      if (process.waitFor(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS)) {
        return End.EXITED;
      }
    }
  }

  private static Optional<String> describe(Set<ProcessHandle> leftovers) {
    if (leftovers.isEmpty()) {
      return Optional.empty();
    }
    String which =
        leftovers.stream()
            .map(h -> h.pid() + " " + h.info().command().orElse("?"))
            .collect(Collectors.joining(", "));
    return Optional.of(
        "ox_task stopped "
            + leftovers.size()
            + " process(es) the job left running when it exited: "
            + which);
  }
}
