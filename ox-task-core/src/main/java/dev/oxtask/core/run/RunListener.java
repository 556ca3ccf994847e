package dev.oxtask.core.run;

import dev.oxtask.core.plan.TaskJob;
import java.util.List;

/**
 * Hears what a run does, for the console and other reporters. Calls come from one thread at a time
 * (the engine serializes them), finished jobs in plan order, so listeners need no locking of their
 * own against each other's calls and never interleave jobs' output.
 */
public interface RunListener {

  /** The run is about to start these jobs, in plan order. */
  default void runStarted(List<TaskJob> jobs) {}

  /** A job's first attempt starts (jobs that are skipped never start). */
  default void jobStarted(TaskJob job) {}

  /**
   * A started job is done, in the order jobs end; {@link #jobFinished} reports it later, in plan
   * order, once the jobs before it are done too.
   */
  default void jobEnded(TaskJob job) {}

  /**
   * A job finished (or was skipped); called in plan order, as soon as the job and those before it
   * have finished. Its note is sent after this, in the background: the outcome's {@code
   * noteFailure} is always empty here, and a failure comes later through {@link #noteFailed}.
   */
  default void jobFinished(JobOutcome outcome) {}

  /** A job's note could not be delivered; always after that job's {@link #jobFinished}. */
  default void noteFailed(JobOutcome outcome) {}

  /** The jobs are done and the run waits for this job's note, which is still being sent. */
  default void waitingForNote(TaskJob job) {}

  /** The run is over; its outcomes carry every note's failure. */
  default void runFinished(RunResult result) {}

  /** Hears nothing. */
  RunListener NONE = new RunListener() {};

  /** Hands each event to every one of {@code listeners}, in turn. */
  static RunListener all(List<RunListener> listeners) {
    List<RunListener> each = List.copyOf(listeners);
    return new RunListener() {
      @Override
      public void runStarted(List<TaskJob> jobs) {
        for (RunListener l : each) {
          l.runStarted(jobs);
        }
      }

      @Override
      public void jobStarted(TaskJob job) {
        for (RunListener l : each) {
          l.jobStarted(job);
        }
      }

      @Override
      public void jobEnded(TaskJob job) {
        for (RunListener l : each) {
          l.jobEnded(job);
        }
      }

      @Override
      public void jobFinished(JobOutcome outcome) {
        for (RunListener l : each) {
          l.jobFinished(outcome);
        }
      }

      @Override
      public void noteFailed(JobOutcome outcome) {
        for (RunListener l : each) {
          l.noteFailed(outcome);
        }
      }

      @Override
      public void waitingForNote(TaskJob job) {
        for (RunListener l : each) {
          l.waitingForNote(job);
        }
      }

      @Override
      public void runFinished(RunResult result) {
        for (RunListener l : each) {
          l.runFinished(result);
        }
      }
    };
  }
}
