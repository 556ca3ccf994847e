package dev.oxtask.cli;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskNote;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.run.DryRun;
import dev.oxtask.core.run.Engine;
import dev.oxtask.core.run.JobOutcome;
import dev.oxtask.core.run.NoteDelivery;
import dev.oxtask.core.run.OutputLimit;
import dev.oxtask.core.run.PythonEnvs;
import dev.oxtask.core.run.ReportWriter;
import dev.oxtask.core.run.RunListener;
import dev.oxtask.core.run.RunOptions;
import dev.oxtask.core.run.RunResult;
import dev.oxtask.core.text.SecretMasker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One {@code ox_task run} of a loaded plan: runs the selected jobs (or describes them for {@code
 * --dry-run}), reports to the console, writes the report and turns the outcome into an exit code.
 */
final class RunSession {

  /**
   * What the command line asked for.
   *
   * @param runId names the run's log folder (see {@link RunOptions#newRunId})
   * @param killGrace SIGTERM to SIGKILL (the spec's 5 s; shorter only in tests)
   */
  record Settings(
      String runId,
      int parallel,
      boolean failFast,
      Path workDir,
      Path root,
      Optional<Path> report,
      boolean dryRun,
      boolean quiet,
      Duration killGrace) {}

  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;
  private final ConsoleReporter.Style style;
  private final SecretMasker masker = new SecretMasker();
  // Set and read across threads: cancel() comes from the shutdown hook.
  private volatile boolean cancelled;
  private volatile Engine running;

  RunSession(
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      ConsoleReporter.Style style) {
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.style = style;
  }

  /** The masker every printed or written text goes through; secrets are added as jobs start. */
  SecretMasker masker() {
    return masker;
  }

  /** Runs {@code jobs} of {@code plan} and returns the exit code of spec section 7. */
  int run(
      TaskPlan plan,
      List<TaskJob> jobs,
      Settings settings,
      PythonEnvs pythonEnvs,
      NoteDelivery notes,
      List<RunListener> listeners)
      throws InterruptedException {
    RunOptions options =
        new RunOptions(
            settings.workDir(),
            settings.root(),
            settings.runId(),
            environment,
            settings.parallel(),
            settings.failFast(),
            settings.killGrace(),
            OutputLimit.DEFAULT,
            pythonEnvs,
            notes);
    if (settings.dryRun()) {
      return dryRun(plan, jobs, options);
    }
    Engine engine = new Engine(options, masker);
    running = engine;
    if (cancelled) {
      engine.cancel();
    }
    try {
      RunResult result = engine.run(plan, jobs, new Listeners(listeners));
      boolean reportWritten = settings.report().map(file -> writeReport(result, file)).orElse(true);
      if (result.interrupted()) {
        return ExitCode.INTERRUPTED;
      }
      return result.allSucceeded() && reportWritten ? ExitCode.OK : ExitCode.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Stops the run from another thread (a signal): running jobs end as cancelled, the rest are
   * skipped; {@link #run} then returns {@link ExitCode#INTERRUPTED}. Before the run starts, it
   * makes the run skip every job.
   */
  void cancel() {
    cancelled = true;
    Engine engine = running;
    if (engine != null) {
      engine.cancel();
    }
  }

  private boolean writeReport(RunResult result, Path file) {
    try {
      new ReportWriter(masker).write(result, file);
      return true;
    } catch (IOException | RuntimeException e) {
      err.println(
          masker.mask("ox_task: could not write the report to " + file + ": " + e.getMessage()));
      return false;
    }
  }

  private int dryRun(TaskPlan plan, List<TaskJob> jobs, RunOptions options)
      throws InterruptedException {
    for (DryRun.Job job : new DryRun(options, masker).describe(plan, jobs)) {
      out.println(job.name());
      out.println("  cwd:     " + job.cwd());
      if (job.problem().isPresent()) {
        out.println("  problem: " + job.problem().get());
      } else {
        out.println("  command: " + masker.mask(quoted(job.command())));
      }
      TaskJob planned = plan.jobs().get(job.name());
      out.println("  note:    " + note(plan, planned));
      backticks(plan, planned)
          .forEach(
              (name, value) ->
                  out.println(
                      masker.mask("  " + name + ": " + value + " (evaluated at run time)")));
    }
    out.println(
        "ox_task: dry run: "
            + jobs.size()
            + (jobs.size() == 1 ? " job" : " jobs")
            + " shown, nothing run");
    return ExitCode.OK;
  }

  /** "chat (SlackWebhook, only_if_failed)", or that the job has none. */
  private static String note(TaskPlan plan, TaskJob job) {
    Optional<TaskNote> note = job.note().filter(n -> !n.isEmpty()).map(plan.notes()::get);
    if (note.isEmpty()) {
      return job.note().filter(n -> !n.isEmpty()).orElse("none (console only)");
    }
    List<String> about = new ArrayList<>(List.of(note.get().className()));
    note.get().conditions().forEach(c -> about.add(c.key()));
    return note.get().name() + " (" + String.join(", ", about) + ")";
  }

  /** The job's env variables whose values are commands run when the job starts. */
  private static Map<String, String> backticks(TaskPlan plan, TaskJob job) {
    Map<String, String> found = new LinkedHashMap<>();
    job.env()
        .map(plan.envs()::get)
        .ifPresent(
            env ->
                env.variables()
                    .forEach(
                        (name, value) -> {
                          if (TaskEnv.isBacktick(value)) {
                            found.put(name, value);
                          }
                        }));
    return found;
  }

  /** The words as a POSIX shell would need them typed. */
  static String quoted(List<String> words) {
    return words.stream()
        .map(w -> PLAIN_WORD.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }

  /** Hands each event to several listeners in turn. */
  private record Listeners(List<RunListener> all) implements RunListener {
    @Override
    public void runStarted(List<TaskJob> jobs) {
      all.forEach(l -> l.runStarted(jobs));
    }

    @Override
    public void jobStarted(TaskJob job) {
      all.forEach(l -> l.jobStarted(job));
    }

    @Override
    public void jobEnded(TaskJob job) {
      all.forEach(l -> l.jobEnded(job));
    }

    @Override
    public void jobFinished(JobOutcome outcome) {
      all.forEach(l -> l.jobFinished(outcome));
    }

    @Override
    public void noteFailed(JobOutcome outcome) {
      all.forEach(l -> l.noteFailed(outcome));
    }

    @Override
    public void waitingForNote(TaskJob job) {
      all.forEach(l -> l.waitingForNote(job));
    }

    @Override
    public void runFinished(RunResult result) {
      all.forEach(l -> l.runFinished(result));
    }
  }
}
