package dev.oxtask.core.run;

import dev.oxtask.core.note.DurationText;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
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
import org.slf4j.LoggerFactory;

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

  /**
   * Runs {@code job}; whatever goes wrong inside ox-task while doing so becomes this job's {@code
   * error} result, never a failed run.
   */
  Finished run(TaskPlan plan, TaskJob job) throws InterruptedException {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    Map<String, String> environment = Map.of();
    try {
      environment = environments.base(job);
      return run(plan, job, environment, startedAt, start);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      // Fetched here, not in a static field: a run that logs nothing never starts logging.
      LoggerFactory.getLogger(JobRunner.class)
          .debug("job '{}' failed inside ox_task", job.name(), e);
      String why = "ox_task could not run the job: " + e;
      return new Finished(notRun(job, JobStatus.ERROR, why, startedAt, since(start)), environment);
    }
  }

  private Finished run(
      TaskPlan plan, TaskJob job, Map<String, String> environment, Instant startedAt, long start)
      throws InterruptedException {
    PreparedJob prepared;
    try {
      prepared = environments.prepare(plan, job, environment);
    } catch (JobSetupException e) {
      JobStatus status = cancellation.isCancelled() ? JobStatus.CANCELLED : JobStatus.ERROR;
      return new Finished(
          notRun(job, status, e.getMessage(), startedAt, since(start)), environment);
    }
    // Secrets of the note are masked from here on; a note that reports starts hears it now.
    options.notes().jobStarting(job, prepared.environment());
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

  /** What a result shows of an attempt whose process could not be started: nothing. */
  private static final ProcessRun.Outcome NOT_STARTED =
      new ProcessRun.Outcome(
          ProcessRun.End.EXITED, OptionalInt.empty(), "", "", false, false, List.of());

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
    ProcessRun.Outcome outcome = last.outcome().orElse(NOT_STARTED);
    String stderr = outcome.stderr();
    for (String note : outcome.notes()) {
      String separator = stderr.isEmpty() || stderr.endsWith("\n") ? "" : "\n";
      stderr = stderr + separator + "[" + note + "]\n";
    }
    return JobResult.builder(job.name(), last.status())
        .exitCode(outcome.exitCode())
        .output(masker.mask(outcome.stdout()))
        .stderr(masker.mask(stderr))
        .command(masker.maskAll(prepared.command()))
        .cwd(prepared.cwd())
        .startedAt(startedAt)
        .duration(duration)
        .attempts(attempts)
        .error(masker.mask(last.error()))
        .outputTruncated(outcome.stdoutTruncated())
        .stderrTruncated(outcome.stderrTruncated())
        .logFiles(
            last.outcome().isPresent()
                ? List.of(logFile(job, "stdout"), logFile(job, "stderr"))
                : List.of())
        .build();
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
                  + DurationText.of(job.timeout())
                  + "; its process tree was stopped");
      case CANCELLED ->
          Optional.of("cancelled: ox_task was interrupted; its process tree was stopped");
      default -> Optional.empty();
    };
  }

  private JobResult notRun(
      TaskJob job, JobStatus status, String error, Instant startedAt, Duration duration) {
    return JobResult.builder(job.name(), status)
        .startedAt(startedAt)
        .duration(duration)
        .error(masker.mask(error))
        .build();
  }

  /** The result of a job that was never started ({@code skipped}). */
  static JobResult skipped(TaskJob job, String why) {
    return unstarted(job, JobStatus.SKIPPED, why);
  }

  /** The result of a job that ox_task failed to run ({@code error}); {@code why} is masked. */
  static JobResult failed(TaskJob job, String why) {
    return unstarted(job, JobStatus.ERROR, why);
  }

  private static JobResult unstarted(TaskJob job, JobStatus status, String why) {
    return JobResult.builder(job.name(), status).error(why).build();
  }
}
