package dev.oxtask.core.runner;

import dev.oxtask.core.plan.Diagnostic;
import java.util.List;

/**
 * What {@link Runner#validate} found in a loaded plan, beyond what loading checks.
 *
 * @param errors problems that stop the run, each located in the plan: a note class no plugin
 *     provides, a note option its plugin refuses
 * @param warnings what the user should know that does not stop the run, in the order found: a
 *     secret too short to mask, a plugin that cannot start, a variable nothing sets. The plan's own
 *     warnings (from loading) are {@link dev.oxtask.core.plan.TaskPlan#warnings()}.
 */
public record Validation(List<Diagnostic> errors, List<String> warnings) {

  public Validation {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** True when the plan can run. */
  public boolean ok() {
    return errors.isEmpty();
  }
}
