package dev.oxtask.cli;

import dev.oxtask.core.plan.JobSelection;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plugin.PluginsFolder;
import dev.oxtask.core.runner.Runner;
import dev.oxtask.core.runner.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ox_task run [options] PLAN...}: runs the jobs of the plans (spec section 7). */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Runs the jobs of the plans. Exit 0 when every job succeeded and every note was"
            + " delivered, 1 when not, 2 for bad usage or an invalid plan, 130 when interrupted.")
final class RunCommand implements Callable<Integer> {

  @ParentCommand OxTaskCommand parent;
  @Mixin PlanFiles plans;
  @Mixin DebugOption debug;

  @Option(names = "--job", paramLabel = "NAME", description = "Run only this job (repeatable).")
  List<String> jobs = new ArrayList<>();

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "Run up to N jobs at once (default 1).")
  int parallel = 1;

  @Option(
      names = {"--fail-fast", "--re-raise"},
      negatable = true,
      description =
          "Start no more jobs after the first one that does not succeed (default: run them all,"
              + " as --no-fail-fast or --no-re-raise say).")
  boolean failFast;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Scratch folders, logs, envs and state (default $${XDG_STATE_HOME:-~/.local/state}/ox_task,"
              + " or $${TMPDIR:-/tmp}/ox_task-<uid> without HOME); created 0700, refused when"
              + " another user owns it or others can write to it.")
  Path workDir;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Where env paths are resolved (default: the current directory).")
  Path root;

  @Option(
      names = "--plugins-dir",
      paramLabel = "DIR",
      description = "Where note plugins are found.")
  Path pluginsDir;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write the run's results as JSON (also when jobs fail).")
  Path report;

  @Option(
      names = "--dry-run",
      description = "Show each job's folder and command (secrets masked); run nothing.")
  boolean dryRun;

  @Option(
      names = "--quiet",
      description = "Print only jobs that did not succeed and notes that failed.")
  boolean quiet;

  @Option(
      names = {"--output", "-v"},
      description =
          "Also print the start of each successful job's output (Output: ...), as the original"
              + " ox_task did. Without it, only the output of jobs that did not succeed is shown;"
              + " every job's full output is in <work-dir>/runs/<run-id>/.")
  boolean output;

  @Override
  public Integer call() throws InterruptedException {
    if (quiet && output) {
      parent.err.println("ox_task: --quiet and --output cannot be used together");
      return ExitCode.USAGE;
    }
    if (parallel < 1) {
      parent.err.println("ox_task: --parallel must be 1 or more, not " + parallel);
      return ExitCode.USAGE;
    }
    Optional<String> unusable = PluginsDirOption.problem(pluginsDir);
    if (unusable.isEmpty() && !dryRun) {
      unusable = ReportFile.problem(report);
    }
    if (unusable.isPresent()) {
      parent.err.println(unusable.get());
      return ExitCode.USAGE;
    }
    Invocation context = parent.context;
    PluginsFolder folder = context.pluginsFolder(pluginsDir);
    Optional<TaskPlan> loaded = plans.loadOrReport(context, Optional.of(folder));
    if (loaded.isEmpty()) {
      return ExitCode.USAGE;
    }
    TaskPlan plan = loaded.get();
    Optional<String> unknownJobs = JobSelection.select(plan, jobs).problem();
    if (unknownJobs.isPresent()) {
      parent.err.println("ox_task: " + unknownJobs.get());
      return ExitCode.USAGE;
    }
    Runner runner = runner(context, folder);
    listenOnTheConsole(runner, context);
    // The guard is closed last, so a signal waits for the notes' state to be saved too.
    try (ShutdownGuard guard = ShutdownGuard.install(runner, parent.out, parent.err);
        runner) {
      // Every note of a selected job is created and validated before the first job starts.
      Validation checked = runner.validate(plan);
      for (String warning : checked.warnings()) {
        context.warn(warning);
      }
      if (!checked.ok()) {
        PlanFiles.report(checked.errors(), parent.err);
        return ExitCode.USAGE;
      }
      RunSession session = new RunSession(parent.out, parent.err);
      return dryRun
          ? session.dryRun(runner, plan)
          : session.run(runner, plan, Optional.ofNullable(report));
    }
  }

  /** The core's runner, set up as the options say. */
  private Runner runner(Invocation context, PluginsFolder folder) {
    Runner.Builder builder =
        Runner.builder()
            .environment(context.environment())
            .root(context.workingDir().resolve(root != null ? root : Path.of("")))
            .pluginsFolder(folder)
            .jobs(jobs)
            .parallel(parallel)
            .failFast(failFast)
            .console(context.out())
            .warnings(context.warnings());
    if (workDir != null) {
      builder.workDir(context.workingDir().resolve(workDir));
    }
    return builder.build();
  }

  /** The console's report of the run, and GitHub's annotations under GitHub Actions. */
  private void listenOnTheConsole(Runner runner, Invocation context) {
    boolean onGitHub = GitHubActions.enabled(context.environment());
    runner.listen(
        new ConsoleReporter(
            context.out(),
            runner.masker(),
            ConsoleReporter.Style.detect(context.terminal(), context.environment()),
            quiet
                ? ConsoleReporter.Detail.QUIET
                : output ? ConsoleReporter.Detail.OUTPUT : ConsoleReporter.Detail.NORMAL,
            runner.runId(),
            runner.runDir(),
            // A status line redrawn in place only makes sense to a person at a terminal.
            context.terminal() && !quiet && !onGitHub));
    if (onGitHub) {
      // Listening before validate(): its ::add-mask:: lines precede anything showing a secret.
      runner.listen(
          GitHubReporter.install(
              context.out(), context.err(), runner.masker(), context.environment()));
    }
  }
}
