package dev.oxtask.core.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
   * @param notes sentences for the job's stderr: processes it left running that were stopped,
   *     output that could not be saved or read to its end
   */
  record Outcome(
      End end,
      OptionalInt exitCode,
      String stdout,
      String stderr,
      boolean stdoutTruncated,
      boolean stderrTruncated,
      List<String> notes) {}

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

  /** How long the pipes may stay open before the tree is searched once more. */
  private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

  private final Duration grace;
  private final Cancellation cancellation;

  ProcessRun(Duration grace, Cancellation cancellation) {
    this.grace = grace;
    this.cancellation = cancellation;
  }

  /**
   * Starts {@code command} and waits for it: at most {@code timeout}, then the grace period to stop
   * its tree, then the drain time for its output pipes, whatever holds them open.
   *
   * @throws IOException when the process could not be started or its log folder not created
   */
  Outcome run(
      List<String> command,
      Path cwd,
      Map<String, String> environment,
      Duration timeout,
      Capture capture)
      throws IOException, InterruptedException {
    for (Optional<Path> file : List.of(capture.stdoutFile(), capture.stderrFile())) {
      if (file.isPresent()) {
        createFolder(file.get().getParent());
      }
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectInput(Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    try {
      builder.environment().putAll(environment);
    } catch (IllegalArgumentException e) {
      // A name with '=' or a NUL character: the plan check stops those unless made at run time.
      throw new IOException(
          "its environment holds a variable no process can get (a name with '=' or a NUL"
              + " character in a name or value)",
          e);
    }
    ProcessTree tree = ProcessTree.start(builder);
    try {
      return await(tree, timeout, capture);
    } catch (RuntimeException | Error | InterruptedException e) {
      // Nothing may leave a process behind, not even a bug of ox_task's.
      tree.kill();
      throw e;
    }
  }

  private Outcome await(ProcessTree tree, Duration timeout, Capture capture)
      throws InterruptedException {
    Process process = tree.process();
    OutputCapture out = capture(process.getInputStream(), capture.stdoutFile(), capture);
    OutputCapture err = capture(process.getErrorStream(), capture.stderrFile(), capture);
    End end = waitFor(process, timeout);
    List<String> notes = new ArrayList<>();
    if (end == End.EXITED) {
      List<ProcessTree.Member> leftovers = tree.leftovers();
      if (!leftovers.isEmpty()) {
        notes.add(describe(leftovers));
        // Background processes must not outlive their job.
        tree.stop(grace);
      }
    } else {
      tree.stop(grace);
    }
    process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    long drainDeadline = System.nanoTime() + DRAIN.toNanos();
    if (!out.await(LOOK_AGAIN) || !err.await(LOOK_AGAIN)) {
      // Something still holds a pipe: a process caught mid-exec by the first look may show now.
      List<ProcessTree.Member> late = tree.leftovers();
      if (!late.isEmpty()) {
        notes.add(describe(late));
        tree.stop(grace);
      }
    }
    boolean outComplete = out.finish(drainDeadline);
    boolean errComplete = err.finish(drainDeadline);
    for (OutputCapture stream : List.of(out, err)) {
      Optional<String> problem = stream.logProblem();
      if (problem.isPresent()) {
        notes.add(problem.get());
      }
    }
    if (!outComplete || !errComplete) {
      notes.add(
          "ox_task stopped reading the job's output "
              + DRAIN.toSeconds()
              + " s after it ended: a process outside its tree still holds the output pipe");
    }
    return new Outcome(
        end,
        end == End.EXITED ? OptionalInt.of(process.exitValue()) : OptionalInt.empty(),
        out.text(),
        err.text(),
        out.truncated(),
        err.truncated(),
        notes);
  }

  private static void createFolder(Path folder) throws IOException {
    try {
      Folders.ensure(folder);
    } catch (IOException e) {
      throw new IOException("cannot write its output log: " + e, e);
    }
  }

  private static OutputCapture capture(InputStream in, Optional<Path> file, Capture c) {
    Optional<LogFile> log =
        file.isPresent()
            ? Optional.of(new LogFile(file.get(), c.append(), c.banner()))
            : Optional.empty();
    return new OutputCapture(in, c.limit(), log, c.secrets());
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

  private static String describe(List<ProcessTree.Member> leftovers) {
    String which =
        leftovers.stream()
            .map(
                m ->
                    m.handle().pid()
                        + " "
                        + m.handle().info().command().orElse("?")
                        + (m.leftSession() ? " (had left the job's session)" : ""))
            .collect(Collectors.joining(", "));
    return "ox_task stopped "
        + leftovers.size()
        + " process(es) the job left running when it exited: "
        + which;
  }
}
