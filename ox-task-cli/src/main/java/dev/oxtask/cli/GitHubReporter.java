package dev.oxtask.cli;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.run.JobOutcome;
import dev.oxtask.core.run.RunListener;
import dev.oxtask.core.run.RunResult;
import dev.oxtask.core.text.SecretMasker;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run adds to the console under GitHub Actions (spec section 7): secrets registered with
 * {@code ::add-mask::} as soon as they are known, each job's output in a {@code ::group::}, an
 * {@code ::error} annotation per job that did not succeed, and the run's table in the step summary.
 */
final class GitHubReporter implements RunListener {

  private final PrintStream out;
  private final PrintStream err;
  private final SecretMasker masker;
  private final Map<String, String> environment;

  private GitHubReporter(
      PrintStream out, PrintStream err, SecretMasker masker, Map<String, String> environment) {
    this.out = out;
    this.err = err;
    this.masker = masker;
    this.environment = environment;
  }

  /**
   * Starts masking for GitHub: every secret the masker learns from now on is registered with {@code
   * ::add-mask::} before ox_task can print it.
   */
  static GitHubReporter install(
      PrintStream out, PrintStream err, SecretMasker masker, Map<String, String> environment) {
    masker.onNewSecret(secret -> GitHubActions.addMask(secret).forEach(out::println));
    return new GitHubReporter(out, err, masker, environment);
  }

  @Override
  public void runStarted(List<TaskJob> jobs) {
    out.flush();
  }

  @Override
  public void jobFinished(JobOutcome outcome) {
    JobResult r = outcome.result();
    if (!r.output().isBlank() || !r.stderr().isBlank()) {
      out.println(GitHubActions.groupStart("output of " + r.job()));
      printStream("stdout", r.output(), r.outputTruncated());
      printStream("stderr", r.stderr(), r.stderrTruncated());
      out.println(GitHubActions.groupEnd());
    }
    if (r.status().failed()) {
      out.println(masker.mask(GitHubActions.error("ox_task job " + r.job(), problem(r))));
    }
    out.flush();
  }

  @Override
  public void noteFailed(JobOutcome outcome) {
    outcome
        .noteFailure()
        .ifPresent(
            f ->
                out.println(
                    masker.mask(
                        GitHubActions.error("ox_task note of " + outcome.result().job(), f))));
    out.flush();
  }

  @Override
  public void runFinished(RunResult result) {
    Map<String, String> noteFailures = new LinkedHashMap<>();
    result
        .outcomes()
        .forEach(o -> o.noteFailure().ifPresent(f -> noteFailures.put(o.result().job(), f)));
    List<JobResult> results = result.outcomes().stream().map(JobOutcome::result).toList();
    String summary = masker.mask(GitHubActions.summary(results, noteFailures));
    GitHubActions.appendSummary(environment, summary).ifPresent(err::println);
  }

  private void printStream(String name, String text, boolean truncated) {
    if (text.isBlank()) {
      return;
    }
    out.println(
        "--- " + name + (truncated ? " (head and tail only; see the log files)" : "") + ":");
    out.println(masker.mask(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text));
  }

  /** "failed: exited with code 2", "timeout: ..." — one line for the annotation. */
  static String problem(JobResult r) {
    String exit = r.exitCode().isPresent() ? " (exit " + r.exitCode().getAsInt() + ")" : "";
    return r.error().map(e -> r.status().key() + ": " + e).orElse(r.status().key() + exit);
  }
}
