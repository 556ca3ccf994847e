package dev.oxtask.core.run;

import dev.oxtask.core.plan.TaskJob;
import java.util.List;

/**
 * Hears what a run does, for the console and other reporters. Calls come from one thread at a time,
 * jobs in plan order, so listeners need no locking and never interleave jobs' output.
 */
public interface RunListener {

  /** The run is about to start these jobs, in plan order. */
  default void runStarted(List<TaskJob> jobs) {}

  /** A job finished (or was skipped); called in plan order, after its note was delivered. */
  default void jobFinished(JobOutcome outcome) {}

  /** The run is over. */
  default void runFinished(RunResult result) {}

  /** Hears nothing. */
  RunListener NONE = new RunListener() {};
}
