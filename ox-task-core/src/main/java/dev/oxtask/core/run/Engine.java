package dev.oxtask.core.run;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.text.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan's jobs (spec sections 3 and 4): up to {@code parallel} at once, results reported in
 * plan order, each result handed to its note, and the whole run cancellable from another thread.
 */
public final class Engine {

  private final RunOptions options;
  private final SecretMasker masker;
  private final Cancellation cancellation = new Cancellation();

  /**
   * @param masker gets the values of every env's secrets as they are computed; share it with
   *     whatever prints or writes results
   */
  public Engine(RunOptions options, SecretMasker masker) {
    this.options = options;
    this.masker = masker;
  }

  /**
   * Stops the run: running jobs' process trees are stopped and the jobs end as cancelled, jobs not
   * yet started are skipped. Returns at once; {@link #run} returns when all is stopped.
   */
  public void cancel() {
    cancellation.cancel();
  }

  /**
   * Runs {@code jobs} (taken from {@code plan}, in the order given) and returns when every one has
   * finished or been skipped and its note has been delivered.
   */
  public RunResult run(TaskPlan plan, List<TaskJob> jobs, RunListener listener)
      throws InterruptedException {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    listener.runStarted(jobs);
    JobRunner runner = new JobRunner(options, masker, cancellation);
    AtomicBoolean failed = new AtomicBoolean();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(options.parallel(), Math.max(1, jobs.size())),
            r -> {
              Thread t = new Thread(r, "ox_task-job-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    List<Future<JobOutcome>> futures = new ArrayList<>();
    for (TaskJob job : jobs) {
      futures.add(pool.submit(() -> runOne(plan, job, runner, failed)));
    }
    pool.shutdown();
    List<JobOutcome> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < futures.size(); i++) {
        JobOutcome outcome = get(futures.get(i), jobs.get(i));
        outcomes.add(outcome);
        listener.jobFinished(outcome);
      }
    } finally {
      pool.shutdownNow();
    }
    RunResult result =
        new RunResult(
            options.runId(),
            startedAt,
            Duration.ofNanos(System.nanoTime() - start),
            outcomes,
            cancellation.isCancelled());
    listener.runFinished(result);
    return result;
  }

  private JobOutcome runOne(TaskPlan plan, TaskJob job, JobRunner runner, AtomicBoolean failed)
      throws InterruptedException {
    if (cancellation.isCancelled()) {
      return new JobOutcome(
          JobRunner.skipped(job, "not started: ox_task was interrupted"), Optional.empty());
    }
    if (options.failFast() && failed.get()) {
      return new JobOutcome(
          JobRunner.skipped(
              job, "not started: an earlier job did not succeed and --fail-fast is set"),
          Optional.empty());
    }
    JobRunner.Finished finished = runner.run(plan, job);
    JobResult result = finished.result();
    if (!result.status().succeeded()) {
      failed.set(true);
    }
    return new JobOutcome(result, deliver(job, finished));
  }

  private Optional<String> deliver(TaskJob job, JobRunner.Finished finished) {
    try {
      return options
          .notes()
          .deliver(job, finished.result(), finished.environment())
          .map(masker::mask);
    } catch (RuntimeException e) {
      // A note plugin's bug must not lose the other jobs' results or the report.
      // The logger is fetched here, not in a static field: a run that logs nothing never starts
      // the logging framework (a tenth of a second).
      LoggerFactory.getLogger(Engine.class).debug("note of job '{}' failed", job.name(), e);
      return Optional.of(masker.mask("note of job '" + job.name() + "' failed unexpectedly: " + e));
    }
  }

  /** The job's outcome; a bug of ox_task's while running it makes that job {@code error}. */
  private JobOutcome get(Future<JobOutcome> future, TaskJob job) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof VirtualMachineError error) {
        throw error;
      }
      LoggerFactory.getLogger(Engine.class)
          .debug("job '{}' failed inside ox_task", job.name(), cause);
      return new JobOutcome(
          JobRunner.failed(job, masker.mask("ox_task could not run the job: " + cause)),
          Optional.empty());
    }
  }
}
