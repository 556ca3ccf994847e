package dev.oxtask.core.delivery;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.plan.Condition;
import java.util.List;

/** Whether a note's conditions hold for a result; the engine applies them for every plugin. */
final class Conditions {

  private Conditions() {}

  /**
   * True when every condition holds. "Failed" means any status but success and skipped (a job that
   * timed out, errored or was cancelled did not succeed, a skipped job did not run).
   *
   * @param statusChanged whether the status differs from the previous run's
   */
  static boolean hold(List<Condition> conditions, JobResult result, boolean statusChanged) {
    for (Condition condition : conditions) {
      boolean holds =
          switch (condition) {
            case ONLY_IF_OUTPUT_NON_EMPTY -> !result.output().isBlank();
            case ONLY_IF_FAILED -> result.status().failed();
            case ONLY_IF_SUCCEEDED -> result.status().succeeded();
            case ONLY_IF_STATUS_CHANGED -> statusChanged;
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }
}
