package dev.oxtask.cli;

import dev.oxtask.core.delivery.StatusHistory;
import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.plugin.PluginsFolder;
import dev.oxtask.core.pyenv.BuildTimeouts;
import dev.oxtask.core.pyenv.VenvBuilder;
import dev.oxtask.core.run.KnownSecrets;
import dev.oxtask.core.run.PythonEnvs;
import dev.oxtask.core.run.RunListener;
import dev.oxtask.core.run.RunOptions;
import dev.oxtask.core.run.WorkDir;
import dev.oxtask.core.run.WorkDirException;
import dev.oxtask.core.text.SecretMasker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    Optional<String> unusable =
        PluginsDirOption.problem(pluginsDir)
            .or(() -> dryRun ? Optional.empty() : ReportFile.problem(report));
    if (unusable.isPresent()) {
      parent.err.println(unusable.get());
      return ExitCode.USAGE;
    }
    PluginsFolder folder = PluginsFolder.resolve(Optional.ofNullable(pluginsDir));
    Optional<TaskPlan> loaded =
        plans.loadOrReport(
            parent.err, partial -> ValidateCommand.checkNotes(folder, partial, parent));
    if (loaded.isEmpty()) {
      return ExitCode.USAGE;
    }
    TaskPlan plan = loaded.get();
    JobSelection.Selected selected = JobSelection.select(plan, jobs);
    if (selected.problem().isPresent()) {
      parent.err.println("ox_task: " + selected.problem().get());
      return ExitCode.USAGE;
    }
    Map<String, String> environment = parent.environment;
    ConsoleReporter.Style style = ConsoleReporter.Style.detect(parent.terminal, environment);
    RunSession session = new RunSession(parent.out, parent.err, environment, style);
    Path work = workDir != null ? workDir : WorkDir.defaultPath(environment);
    try {
      if (dryRun) {
        WorkDir.check(work);
      } else {
        WorkDir.prepare(work);
      }
    } catch (WorkDirException e) {
      parent.err.println("ox_task: " + e.getMessage());
      return ExitCode.USAGE;
    }
    RunSession.Settings settings =
        new RunSession.Settings(
            RunOptions.newRunId(),
            parallel,
            failFast,
            work,
            root != null ? root : Path.of(""),
            Optional.ofNullable(report),
            dryRun,
            quiet,
            RunOptions.DEFAULT_KILL_GRACE);
    List<RunListener> listeners = new ArrayList<>();
    listeners.add(
        new ConsoleReporter(
            parent.out,
            session.masker(),
            style,
            quiet
                ? ConsoleReporter.Detail.QUIET
                : output ? ConsoleReporter.Detail.OUTPUT : ConsoleReporter.Detail.NORMAL,
            settings.runId(),
            RunOptions.runDir(work, settings.runId()),
            // A status line redrawn in place only makes sense to a person at a terminal.
            parent.terminal && !quiet && !GitHubActions.enabled(environment)));
    if (GitHubActions.enabled(environment)) {
      // Installed before any job starts: its ::add-mask:: lines precede anything showing a secret.
      listeners.add(GitHubReporter.install(parent.out, parent.err, session.masker(), environment));
    }
    session
        .masker()
        .onTooShort(
            () ->
                parent.err.println(
                    "warning: a secret shorter than "
                        + SecretMasker.MIN_LENGTH
                        + " characters is not masked: it would hide that text in every word;"
                        + " anything that prints it shows it"));
    session.masker().addAll(KnownSecrets.of(plan, selected.jobs(), environment));
    // Every note of a selected job is created and validated before the first job starts.
    Optional<StatusHistory> history =
        dryRun ? Optional.empty() : Optional.of(StatusHistory.load(work));
    // The guard is closed last, so a signal waits for the notes' state to be saved too.
    try (ShutdownGuard guard = ShutdownGuard.install(session::cancel, parent.out, parent.err);
        NoteSetup notes =
            NoteSetup.open(
                NoteRegistry.open(folder), session.masker(), history, parent.out, parent.err)) {
      List<Diagnostic> problems = notes.check(plan, selected.jobs(), environment);
      if (!problems.isEmpty()) {
        PlanFiles.report(problems, parent.err);
        return ExitCode.USAGE;
      }
      return session.run(
          plan,
          selected.jobs(),
          settings,
          pythonEnvs(plan, selected.jobs(), settings, environment),
          notes.dispatcher(),
          listeners);
    }
  }

  /**
   * Builds the venvs of the selected jobs' envs (docs/python.md), each given the longest timeout of
   * its jobs (at least 10 minutes), logging to the run's folder.
   */
  private static PythonEnvs pythonEnvs(
      TaskPlan plan, List<TaskJob> jobs, RunSession.Settings settings, Map<String, String> env) {
    Path workDir = settings.workDir().toAbsolutePath().normalize();
    return new VenvBuilder(
        workDir,
        settings.root(),
        RunOptions.runDir(workDir, settings.runId()),
        BuildTimeouts.forJobs(plan, jobs),
        env);
  }
}
