package dev.oxtask.core.run;

import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.result.JobResult;
import dev.oxtask.core.result.JobStatus;
import dev.oxtask.core.text.SecretMasker;
import java.io.IOException;
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
          notRun(
              job, status, e.getMessage(), startedAt, Duration.ofNanos(System.nanoTime() - start)),
          environment);
    }
    Path stdoutFile = options.runDir().resolve(FileNames.safe(job.name()) + ".stdout");
    Path stderrFile = options.runDir().resolve(FileNames.safe(job.name()) + ".stderr");
    ProcessRun.Outcome outcome = null;
    JobStatus status = JobStatus.ERROR;
    Optional<String> error = Optional.empty();
    int attempts = 0;
    while (attempts <= job.retries() && !cancellation.isCancelled()) {
      if (attempts > 0) {
        cancellation.sleep(
            job.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 30)).toMillis());
        if (cancellation.isCancelled()) {
          break;
        }
      }
      attempts++;
      String banner = attempts > 1 ? "\n--- ox_task: attempt " + attempts + " ---\n" : "";
      ProcessRun.Capture capture =
          new ProcessRun.Capture(
              options.outputLimit(),
              Optional.of(stdoutFile),
              Optional.of(stderrFile),
              attempts > 1,
              banner,
              masker.secrets());
      try {
        outcome =
            processes.run(
                prepared.command(), prepared.cwd(), prepared.environment(), job.timeout(), capture);
      } catch (IOException e) {
        outcome = null;
        status = JobStatus.ERROR;
        error = Optional.of("could not start " + prepared.command().get(0) + ": " + e.getMessage());
        break;
      }
      status = statusOf(outcome);
      error = errorOf(status, outcome, job);
      if (status == JobStatus.SUCCESS || status == JobStatus.CANCELLED) {
        break;
      }
    }
    if (attempts == 0) {
      // Cancelled before the first attempt started.
      return new Finished(
          notRun(
              job,
              JobStatus.CANCELLED,
              "cancelled: ox_task was interrupted before the job started",
              startedAt,
              Duration.ofNanos(System.nanoTime() - start)),
          environment);
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    String stderr = outcome == null ? "" : outcome.stderr();
    if (outcome != null && outcome.leftovers().isPresent()) {
      stderr =
          stderr
              + (stderr.isEmpty() || stderr.endsWith("\n") ? "" : "\n")
              + "["
              + outcome.leftovers().get()
              + "]\n";
    }
    JobResult result =
        new JobResult(
            job.name(),
            status,
            outcome == null ? OptionalInt.empty() : outcome.exitCode(),
            masker.mask(outcome == null ? "" : outcome.stdout()),
            masker.mask(stderr),
            prepared.command().stream().map(masker::mask).toList(),
            Optional.of(prepared.cwd()),
            startedAt,
            duration,
            attempts,
            error.map(masker::mask),
            outcome != null && outcome.stdoutTruncated(),
            outcome != null && outcome.stderrTruncated(),
            outcome == null ? List.of() : List.of(stdoutFile, stderrFile));
    return new Finished(result, new LinkedHashMap<>(prepared.environment()));
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
