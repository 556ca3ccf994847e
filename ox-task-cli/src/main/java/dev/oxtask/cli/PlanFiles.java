package dev.oxtask.cli;

import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.PlanException;
import dev.oxtask.core.plan.PlanLoader;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plugin.PluginsFolder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
   * The merged plan after its warnings were printed to the invocation's stderr, or empty after
   * every problem was printed there; the caller then exits with {@link ExitCode#USAGE}. {@code .py}
   * plans are evaluated by the python the invocation's {@code OX_TASK_PYTHON} names.
   */
  Optional<TaskPlan> loadOrReport(Invocation context) {
    return loadOrReport(context, Optional.empty());
  }

  /**
   * Like {@link #loadOrReport(Invocation)}; when the plans have problems, the notes of the entries
   * that could be read are also created from {@code notesFolder}, when given, and checked ({@link
   * ValidateCommand#checkNotes}), so their problems (note classes and options) are reported
   * together with the others, in file and line order.
   */
  Optional<TaskPlan> loadOrReport(Invocation context, Optional<PluginsFolder> notesFolder) {
    PrintStream err = context.err();
    try {
      TaskPlan plan = PlanLoader.fromEnvironment(context.environment()).load(files);
      for (Diagnostic warning : plan.warnings()) {
        context.warn(warning.toString());
      }
      return Optional.of(plan);
    } catch (PlanException e) {
      List<Diagnostic> all = new ArrayList<>(e.diagnostics());
      if (notesFolder.isPresent() && e.partialPlan().isPresent()) {
        all.addAll(ValidateCommand.checkNotes(notesFolder.get(), e.partialPlan().get(), context));
      }
      report(inFileOrder(all), err);
      return Optional.empty();
    }
  }

  /** Plan file by plan file (as given), top to bottom; the order found otherwise. */
  private List<Diagnostic> inFileOrder(List<Diagnostic> problems) {
    List<Path> given = files.stream().map(PlanFiles::normal).toList();
    return problems.stream()
        .sorted(
            Comparator.comparingInt((Diagnostic d) -> fileIndex(given, d))
                .thenComparing(Diagnostic.IN_WRITTEN_ORDER))
        .toList();
  }

  private static int fileIndex(List<Path> given, Diagnostic problem) {
    int index = given.indexOf(normal(problem.location().file()));
    return index < 0 ? given.size() : index;
  }

  private static Path normal(Path file) {
    return file.toAbsolutePath().normalize();
  }

  /** Prints problems one per line, then how many there are when there is more than one. */
  static void report(List<Diagnostic> problems, PrintStream err) {
    problems.forEach(err::println);
    if (problems.size() > 1) {
      err.println("ox_task: " + problems.size() + " problems found; nothing was run");
    }
  }
}
