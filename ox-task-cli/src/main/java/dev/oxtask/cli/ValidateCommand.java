package dev.oxtask.cli;

import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plugin.PluginsFolder;
import dev.oxtask.core.runner.Runner;
import dev.oxtask.core.runner.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ox_task validate PLAN...}: checks plans strictly and runs nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Checks plan files and note options; runs nothing. Exit 0 when valid, 2 when not.")
final class ValidateCommand implements Callable<Integer> {

  @ParentCommand OxTaskCommand parent;
  @Mixin PlanFiles plans;
  @Mixin PluginsDirOption plugins;
  @Mixin DebugOption debug;

  @Override
  public Integer call() {
    Optional<String> badFolder = plugins.problem();
    if (badFolder.isPresent()) {
      parent.err.println(badFolder.get());
      return ExitCode.USAGE;
    }
    PluginsFolder folder = plugins.folder(parent.context);
    Optional<TaskPlan> loaded = plans.loadOrReport(parent.context, Optional.of(folder));
    if (loaded.isEmpty()) {
      return ExitCode.USAGE;
    }
    TaskPlan plan = loaded.get();
    List<Diagnostic> problems = checkNotes(folder, plan, parent.context);
    if (!problems.isEmpty()) {
      PlanFiles.report(problems, parent.err);
      return ExitCode.USAGE;
    }
    StringJoiner files = new StringJoiner(", ");
    for (Path file : plan.files()) {
      files.add(file.toString());
    }
    parent.out.println(
        "ok: "
            + files
            + ": "
            + count(plan.jobs().size(), "job")
            + ", "
            + count(plan.envs().size(), "env")
            + ", "
            + count(plan.notes().size(), "note")
            + " checked");
    return ExitCode.OK;
  }

  /**
   * Checks of a plan beyond what {@link dev.oxtask.core.plan.PlanLoader} checks while loading:
   * every job's note is created from {@code folder} and its options validated, as {@code run} does
   * before running (warnings go to stderr); every problem found, empty when the plan is valid. For
   * {@code run} too when its plan has other problems: every plugin of {@code folder} is started, so
   * each one that cannot start is named.
   */
  static List<Diagnostic> checkNotes(PluginsFolder folder, TaskPlan plan, Invocation context) {
    try (Runner runner =
        Runner.builder()
            .environment(context.environment())
            .pluginsFolder(folder)
            .checkEveryPlugin(true)
            .console(context.out())
            .warnings(context.warnings())
            .build()) {
      Validation checked = runner.validate(plan);
      for (String warning : checked.warnings()) {
        context.warn(warning);
      }
      return checked.errors();
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
