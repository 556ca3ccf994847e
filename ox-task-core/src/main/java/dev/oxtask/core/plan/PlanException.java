package dev.oxtask.core.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan the user gave is not valid: every problem found, each located. */
public class PlanException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<Diagnostic> diagnostics;

  public PlanException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a PlanException needs at least one diagnostic");
    }
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** Every problem, in the order found (file by file, top to bottom). */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
