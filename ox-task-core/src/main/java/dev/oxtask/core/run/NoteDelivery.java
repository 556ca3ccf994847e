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
  NoteDelivery NONE =
      new NoteDelivery() {
        @Override
        public Optional<String> deliver(
            TaskJob job, JobResult result, Map<String, String> environment) {
          return Optional.empty();
        }
      };

  /**
   * Called once the job's environment is built and before its process starts: secret options of its
   * note that the environment resolves ({@code token: "$TOKEN"} with {@code TOKEN} a plain env
   * variable) are masked from then on, so the job's own output cannot show them; and a note that
   * listens for starts (a ping service) hears of it. Never fails: a failure at the start is
   * returned later by {@link #deliver} for the same job.
   *
   * @param environment the job's environment
   */
  default void jobStarting(TaskJob job, Map<String, String> environment) {}

  /**
   * Sends {@code result} to {@code job}'s note when it has one and the note's conditions hold.
   *
   * @param environment the job's environment, for substitution into the note's options
   * @return why delivery failed (secrets masked), or empty when it was delivered or not due
   */
  Optional<String> deliver(TaskJob job, JobResult result, Map<String, String> environment);
}
