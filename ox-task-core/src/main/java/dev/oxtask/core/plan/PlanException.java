package dev.oxtask.core.plan;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A plan the user gave is not valid: every problem found, each located. */
public class PlanException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<Diagnostic> diagnostics;

  // Not serialized: an exception that crosses a stream boundary keeps only its diagnostics.
  private final transient TaskPlan partialPlan;

  public PlanException(List<Diagnostic> diagnostics) {
    this(diagnostics, null);
  }

  /**
   * @param partialPlan the entries that could be read despite the problems, so that further checks
   *     (note classes and options) can report their problems together with these
   */
  public PlanException(List<Diagnostic> diagnostics, TaskPlan partialPlan) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a PlanException needs at least one diagnostic");
    }
    this.diagnostics = List.copyOf(diagnostics);
    this.partialPlan = partialPlan;
  }

  /** The entries that could be read despite the problems, when the files could be read at all. */
  public Optional<TaskPlan> partialPlan() {
    return Optional.ofNullable(partialPlan);
  }

  /** Every problem, in the order found (file by file, top to bottom). */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
