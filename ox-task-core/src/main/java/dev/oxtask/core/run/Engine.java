package dev.oxtask.core.run;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.text.SecretMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
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
   * finished or been skipped and its note has been delivered. Notes are sent in the background
   * while later jobs run (see {@link NoteQueue}); the run waits for them at the end.
   */
  public RunResult run(TaskPlan plan, List<TaskJob> jobs, RunListener listener)
      throws InterruptedException {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    RunListener serial = new SerialListener(listener);
    serial.runStarted(jobs);
    JobRunner runner = new JobRunner(options, masker, cancellation);
    AtomicBoolean failed = new AtomicBoolean();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(options.parallel(), Math.max(1, jobs.size())),
            new DaemonThreads("ox_task-job-"));
    List<Future<Ran>> futures = new ArrayList<>();
    for (TaskJob job : jobs) {
      futures.add(pool.submit(runLater(plan, job, runner, failed, serial)));
    }
    pool.shutdown();
    List<JobOutcome> outcomes;
    try (NoteQueue notes = new NoteQueue(options.notes(), masker, cancellation)) {
      List<Ran> ran = new ArrayList<>();
      try {
        for (int i = 0; i < futures.size(); i++) {
          Ran one = get(futures.get(i), jobs.get(i));
          serial.jobFinished(new JobOutcome(one.result(), Optional.empty()));
          one.deliver(notes, serial);
          ran.add(one);
        }
      } finally {
        pool.shutdownNow();
      }
      outcomes = awaitNotes(ran, notes, serial);
    }
    RunResult result =
        new RunResult(
            options.runId(),
            startedAt,
            Duration.ofNanos(System.nanoTime() - start),
            outcomes,
            cancellation.isCancelled());
    serial.runFinished(result);
    return result;
  }

  /** Waits for the notes still being sent, saying which one it waits for. */
  private static List<JobOutcome> awaitNotes(List<Ran> ran, NoteQueue notes, RunListener listener)
      throws InterruptedException {
    List<JobOutcome> outcomes = new ArrayList<>();
    Set<String> waitedFor = new HashSet<>();
    for (Ran one : ran) {
      Runnable sayWaiting =
          new Runnable() {
            @Override
            public void run() {
              if (waitedFor.add(one.job().note().orElse(""))) {
                listener.waitingForNote(one.job());
              }
            }
          };
      Optional<String> failure = notes.await(one.job(), one.note(), sayWaiting);
      if (one.note().isCancelled()) {
        // Abandoned when the run was interrupted: no one else hears of it.
        failure.ifPresent(f -> listener.noteFailed(new JobOutcome(one.result(), Optional.of(f))));
      }
      outcomes.add(new JobOutcome(one.result(), failure));
    }
    return outcomes;
  }

  private Callable<Ran> runLater(
      TaskPlan plan, TaskJob job, JobRunner runner, AtomicBoolean failed, RunListener listener) {
    return new Callable<>() {
      @Override
      public Ran call() throws InterruptedException {
        return runOne(plan, job, runner, failed, listener);
      }
    };
  }

  private Ran runOne(
      TaskPlan plan, TaskJob job, JobRunner runner, AtomicBoolean failed, RunListener listener)
      throws InterruptedException {
    if (cancellation.isCancelled()) {
      return Ran.skipped(job, "not started: ox_task was interrupted");
    }
    if (options.failFast() && failed.get()) {
      return Ran.skipped(job, "not started: an earlier job did not succeed and --fail-fast is set");
    }
    listener.jobStarted(job);
    JobRunner.Finished finished = runner.run(plan, job);
    listener.jobEnded(job);
    if (!finished.result().status().succeeded()) {
      failed.set(true);
    }
    return new Ran(job, finished.result(), Optional.of(finished));
  }

  /** A job that finished or was skipped, and its note's delivery once started. */
  private static final class Ran {
    private final TaskJob job;
    private final JobResult result;
    private final Optional<JobRunner.Finished> finished;
    private CompletableFuture<Optional<String>> note =
        CompletableFuture.completedFuture(Optional.empty());

    Ran(TaskJob job, JobResult result, Optional<JobRunner.Finished> finished) {
      this.job = job;
      this.result = result;
      this.finished = finished;
    }

    static Ran skipped(TaskJob job, String why) {
      return new Ran(job, JobRunner.skipped(job, why), Optional.empty());
    }

    /**
     * Hands the result to the note queue; a failure is heard as soon as it happens, and {@link
     * #note} completes only after the listener heard it (so never after the run's end).
     */
    void deliver(NoteQueue notes, RunListener listener) {
      if (finished.isPresent()) {
        note =
            notes
                .submit(job, finished.get())
                .thenApply(
                    new Function<Optional<String>, Optional<String>>() {
                      @Override
                      public Optional<String> apply(Optional<String> failure) {
                        if (failure.isPresent()) {
                          listener.noteFailed(new JobOutcome(result, failure));
                        }
                        return failure;
                      }
                    });
      }
    }

    TaskJob job() {
      return job;
    }

    JobResult result() {
      return result;
    }

    CompletableFuture<Optional<String>> note() {
      return note;
    }
  }

  /** Passes events on one at a time: job threads, note threads and the run's thread all call it. */
  private record SerialListener(RunListener listener) implements RunListener {
    @Override
    public synchronized void runStarted(List<TaskJob> jobs) {
      listener.runStarted(jobs);
    }

    @Override
    public synchronized void jobStarted(TaskJob job) {
      listener.jobStarted(job);
    }

    @Override
    public synchronized void jobEnded(TaskJob job) {
      listener.jobEnded(job);
    }

    @Override
    public synchronized void jobFinished(JobOutcome outcome) {
      listener.jobFinished(outcome);
    }

    @Override
    public synchronized void noteFailed(JobOutcome outcome) {
      listener.noteFailed(outcome);
    }

    @Override
    public synchronized void waitingForNote(TaskJob job) {
      listener.waitingForNote(job);
    }

    @Override
    public synchronized void runFinished(RunResult result) {
      listener.runFinished(result);
    }
  }

  /** The job's run; a bug of ox_task's while running it makes that job {@code error}. */
  private Ran get(Future<Ran> future, TaskJob job) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof VirtualMachineError error) {
        throw error;
      }
      // The logger is fetched here, not in a static field: a run that logs nothing never starts
      // the logging framework (a tenth of a second).
      LoggerFactory.getLogger(Engine.class)
          .debug("job '{}' failed inside ox_task", job.name(), cause);
      return new Ran(
          job,
          JobRunner.failed(job, masker.mask("ox_task could not run the job: " + cause)),
          Optional.empty());
    }
  }
}
