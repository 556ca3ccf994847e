package dev.oxtask.cli;

import dev.oxtask.core.plan.PlanException;
import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskNote;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.run.DryRun;
import dev.oxtask.core.run.ReportWriter;
import dev.oxtask.core.run.RunResult;
import dev.oxtask.core.run.WorkDirException;
import dev.oxtask.core.runner.Runner;
import dev.oxtask.core.text.SecretMasker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Prints one {@code ox_task run} of a loaded, validated plan: runs it with its {@link Runner} (or
 * shows the jobs for {@code --dry-run}), writes the report and turns the outcome into an exit code.
 */
final class RunSession {

  private final PrintStream out;
  private final PrintStream err;

  RunSession(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the plan and returns the exit code of spec section 7; the report, when asked for, is
   * written also when jobs fail.
   */
  int run(Runner runner, TaskPlan plan, Optional<Path> report) throws InterruptedException {
    try {
      RunResult result;
      try {
        result = runner.run(plan);
      } catch (PlanException | WorkDirException e) {
        return refused(e);
      }
      boolean reportWritten =
          report.isEmpty() || writeReport(runner.masker(), result, report.get());
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
   * {@link ExitCode#USAGE} after saying why the runner refused the plan before any job ran (invalid
   * notes, an unusable work dir).
   */
  private int refused(Exception refusal) {
    if (refusal instanceof PlanException invalid) {
      PlanFiles.report(invalid.diagnostics(), err);
    } else {
      err.println("ox_task: " + refusal.getMessage());
    }
    return ExitCode.USAGE;
  }

  private boolean writeReport(SecretMasker masker, RunResult result, Path file) {
    try {
      new ReportWriter(masker).write(result, file);
      return true;
    } catch (IOException | RuntimeException e) {
      err.println(
          masker.mask("ox_task: could not write the report to " + file + ": " + e.getMessage()));
      return false;
    }
  }

  /** Shows each job's folder, command (secrets masked), note and backtick variables; runs none. */
  int dryRun(Runner runner, TaskPlan plan) throws InterruptedException {
    List<DryRun.Job> jobs;
    try {
      jobs = runner.describe(plan);
    } catch (PlanException | WorkDirException e) {
      return refused(e);
    }
    return show(jobs, plan, runner.masker());
  }

  private int show(List<DryRun.Job> jobs, TaskPlan plan, SecretMasker masker) {
    for (DryRun.Job job : jobs) {
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
    Optional<TaskNote> note = plan.noteOf(job);
    if (note.isEmpty()) {
      return job.note().orElse("none (console only)");
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
        .map(w -> PlainWord.PATTERN.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }

  /**
   * A word a shell takes as written. In a class of its own, compiled at the first dry run: compiled
   * when {@code RunSession} loads, it cost every run a millisecond.
   */
  private static final class PlainWord {
    static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");
  }
}
