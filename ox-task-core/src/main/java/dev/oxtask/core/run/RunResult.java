package dev.oxtask.core.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a run did, jobs in plan order.
 *
 * @param runId the run's id
 * @param startedAt when the run started
 * @param duration how long it took
 * @param outcomes one per selected job, in plan order
 * @param interrupted true when the run was cancelled (SIGINT/SIGTERM)
 */
public record RunResult(
    String runId,
    Instant startedAt,
    Duration duration,
    List<JobOutcome> outcomes,
    boolean interrupted) {

  public RunResult {
    outcomes = List.copyOf(outcomes);
  }

  /** True when every job succeeded and every note was delivered. */
  public boolean allSucceeded() {
    for (JobOutcome o : outcomes) {
      if (!o.result().status().succeeded() || o.noteFailure().isPresent()) {
        return false;
      }
    }
    return true;
  }
}
