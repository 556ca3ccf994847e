package dev.oxtask.core.run;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.text.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Runs one job with its retries and describes what happened as a {@link JobResult}. */
final class JobRunner {

  /**
   * A finished job.
   *
   * @param environment the job's environment (as far as it was built), for its note's options
   */
  record Finished(JobResult result, Map<String, String> environment) {}

  private final RunOptions options;
  private final SecretMasker masker;
  private final Cancellation cancellation;
  private final ProcessRun processes;
  private final JobEnvironment environments;

  JobRunner(RunOptions options, SecretMasker masker, Cancellation cancellation) {
    this.options = options;
    this.masker = masker;
    this.cancellation = cancellation;
    this.processes = new ProcessRun(options.killGrace(), cancellation);
    this.environments = new JobEnvironment(options, masker, processes, false);
  }

  Finished run(TaskPlan plan, TaskJob job) throws InterruptedException {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    Map<String, String> environment = environments.base(job);
    PreparedJob prepared;
    try {
      prepared = environments.prepare(plan, job, environment);
    } catch (JobSetupException e) {
      JobStatus status = cancellation.isCancelled() ? JobStatus.CANCELLED : JobStatus.ERROR;
      return new Finished(
          notRun(job, status, e.getMessage(), startedAt, since(start)), environment);
    }
    // A note that reports starts (a ping service) hears it before the first attempt.
    options.notes().started(job, prepared.environment());
    Attempt last = null;
    int attempts = 0;
    while (attempts <= job.retries() && !cancellation.isCancelled()) {
      if (attempts > 0) {
        // retry_delay, then twice that, and so on.
        cancellation.sleep(
            job.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 30)).toMillis());
        if (cancellation.isCancelled()) {
          break;
        }
      }
      attempts++;
      last = attempt(job, prepared, attempts);
      if (last.status() != JobStatus.FAILED && last.status() != JobStatus.TIMEOUT) {
        break;
      }
    }
    if (last == null) {
      String why = "cancelled: ox_task was interrupted before the job started";
      return new Finished(
          notRun(job, JobStatus.CANCELLED, why, startedAt, since(start)), environment);
    }
    return new Finished(
        result(job, prepared, last, attempts, startedAt, since(start)),
        new LinkedHashMap<>(prepared.environment()));
  }

  /** One attempt; {@code outcome} is absent when the process could not be started. */
  private record Attempt(
      JobStatus status, Optional<ProcessRun.Outcome> outcome, Optional<String> error) {}

  private Attempt attempt(TaskJob job, PreparedJob prepared, int number)
      throws InterruptedException {
    ProcessRun.Capture capture =
        new ProcessRun.Capture(
            options.outputLimit(),
            Optional.of(logFile(job, "stdout")),
            Optional.of(logFile(job, "stderr")),
            number > 1,
            number > 1 ? "\n--- ox_task: attempt " + number + " ---\n" : "",
            masker.secrets());
    try {
      ProcessRun.Outcome outcome =
          processes.run(
              prepared.command(), prepared.cwd(), prepared.environment(), job.timeout(), capture);
      JobStatus status = statusOf(outcome);
      return new Attempt(status, Optional.of(outcome), errorOf(status, outcome, job));
    } catch (IOException e) {
      String why = "could not start " + prepared.command().get(0) + ": " + e.getMessage();
      return new Attempt(JobStatus.ERROR, Optional.empty(), Optional.of(why));
    } catch (UncheckedIOException e) {
      // The log file could not be written (disk full, permissions); the process tree is gone.
      String why = e.getMessage() + ": " + e.getCause().getMessage();
      return new Attempt(JobStatus.ERROR, Optional.empty(), Optional.of(why));
    }
  }

  private Path logFile(TaskJob job, String stream) {
    return options.runDir().resolve(FileNames.safe(job.name()) + "." + stream);
  }

  private JobResult result(
      TaskJob job,
      PreparedJob prepared,
      Attempt last,
      int attempts,
      Instant startedAt,
      Duration duration) {
    Optional<ProcessRun.Outcome> outcome = last.outcome();
    String stderr = outcome.map(ProcessRun.Outcome::stderr).orElse("");
    Optional<String> leftovers = outcome.flatMap(ProcessRun.Outcome::leftovers);
    if (leftovers.isPresent()) {
      String separator = stderr.isEmpty() || stderr.endsWith("\n") ? "" : "\n";
      stderr = stderr + separator + "[" + leftovers.get() + "]\n";
    }
    return new JobResult(
        job.name(),
        last.status(),
        outcome.map(ProcessRun.Outcome::exitCode).orElse(OptionalInt.empty()),
        masker.mask(outcome.map(ProcessRun.Outcome::stdout).orElse("")),
        masker.mask(stderr),
        prepared.command().stream().map(masker::mask).toList(),
        Optional.of(prepared.cwd()),
        startedAt,
        duration,
        attempts,
        last.error().map(masker::mask),
        outcome.map(ProcessRun.Outcome::stdoutTruncated).orElse(false),
        outcome.map(ProcessRun.Outcome::stderrTruncated).orElse(false),
        outcome.isPresent() ? List.of(logFile(job, "stdout"), logFile(job, "stderr")) : List.of());
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static JobStatus statusOf(ProcessRun.Outcome outcome) {
    return switch (outcome.end()) {
      case TIMED_OUT -> JobStatus.TIMEOUT;
      case CANCELLED -> JobStatus.CANCELLED;
      case EXITED -> outcome.exitCode().orElse(-1) == 0 ? JobStatus.SUCCESS : JobStatus.FAILED;
    };
  }

  private static Optional<String> errorOf(
      JobStatus status, ProcessRun.Outcome outcome, TaskJob job) {
    return switch (status) {
      case FAILED -> Optional.of("exited with code " + outcome.exitCode().orElse(-1));
      case TIMEOUT ->
          Optional.of(
              "timed out after "
                  + JobEnvironment.seconds(job.timeout())
                  + "; its process tree was stopped");
      case CANCELLED ->
          Optional.of("cancelled: ox_task was interrupted; its process tree was stopped");
      default -> Optional.empty();
    };
  }

  private JobResult notRun(
      TaskJob job, JobStatus status, String error, Instant startedAt, Duration duration) {
    return new JobResult(
        job.name(),
        status,
        OptionalInt.empty(),
        "",
        "",
        List.of(),
        Optional.empty(),
        startedAt,
        duration,
        0,
        Optional.of(masker.mask(error)),
        false,
        false,
        List.of());
  }

  /** The result of a job that was never started ({@code skipped}). */
  static JobResult skipped(TaskJob job, String why) {
    return new JobResult(
        job.name(),
        JobStatus.SKIPPED,
        OptionalInt.empty(),
        "",
        "",
        List.of(),
        Optional.empty(),
        Instant.now(),
        Duration.ZERO,
        0,
        Optional.of(why),
        false,
        false,
        List.of());
  }
}
