package dev.oxtask.core.run;

import static java.util.Objects.requireNonNull;

import dev.oxtask.core.note.JobResult;
import java.util.Optional;

/**
 * A job's result and what became of its note.
 *
 * @param noteFailure why the note could not be delivered (secrets masked), empty when it was
 *     delivered, not due, or the job has none
 */
public record JobOutcome(JobResult result, Optional<String> noteFailure) {

  public JobOutcome {
    requireNonNull(result, "result");
    requireNonNull(noteFailure, "noteFailure");
  }
}
