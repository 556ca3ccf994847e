package dev.oxtask.core.run;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.plan.TaskJob;
import java.util.Map;
import java.util.Optional;

/**
 * How the engine hands a finished job's result to the job's note. The implementation applies the
 * note's conditions, substitutes the job's environment into its options, masks secrets and calls
 * the plugin; the engine only records what it returns.
 */
public interface NoteDelivery {

  /** Delivers nothing: for runs whose jobs name no note. */
  NoteDelivery NONE = (job, result, environment) -> Optional.empty();

  /**
   * Sends {@code result} to {@code job}'s note when it has one and the note's conditions hold.
   *
   * @param environment the job's environment, for substitution into the note's options
   * @return why delivery failed (secrets masked), or empty when it was delivered or not due
   */
  Optional<String> deliver(TaskJob job, JobResult result, Map<String, String> environment);

  /**
   * Tells {@code job}'s note that the job is about to start, when the note listens for starts.
   * Never fails: a failure is returned later by {@link #deliver} for the same job.
   *
   * @param environment the job's environment, for substitution into the note's options
   */
  default void started(TaskJob job, Map<String, String> environment) {}
}
