package dev.oxtask.cli;

import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.PlanException;
import dev.oxtask.core.plan.PlanLoader;
import dev.oxtask.core.plan.TaskPlan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/**
 * The {@code PLAN...} parameters every command that reads plans shares, and the one place that
 * loads them and reports an invalid plan the same way for every command.
 */
final class PlanFiles {

  @Parameters(
      paramLabel = "PLAN",
      arity = "1..*",
      description = "Plan files (.json, or .py evaluated by python3 or $OX_TASK_PYTHON), merged.")
  List<Path> files;

  /**
   * The merged plan after its warnings were printed to {@code err}, or empty after every problem
   * was printed there; the caller then exits with {@link ExitCode#USAGE}.
   */
  Optional<TaskPlan> loadOrReport(PrintStream err) {
    try {
      TaskPlan plan = PlanLoader.fromEnvironment(System.getenv()).load(files);
      plan.warnings().forEach(w -> err.println("warning: " + w));
      return Optional.of(plan);
    } catch (PlanException e) {
      report(e.diagnostics(), err);
      return Optional.empty();
    }
  }

  /** Prints problems one per line, then how many there are when there is more than one. */
  static void report(List<Diagnostic> problems, PrintStream err) {
    problems.forEach(err::println);
    if (problems.size() > 1) {
      err.println("ox_task: " + problems.size() + " problems found; nothing was run");
    }
  }
}
