package dev.oxtask.core.run;

import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.text.SecretMasker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a run would do ({@code --dry-run}), found without running anything: backtick values stay as
 * written, no venv is built, no folder is created.
 */
public final class DryRun {

  /**
   * One job as it would run.
   *
   * @param cwd its working directory
   * @param command the command after substitution, secrets masked
   * @param problem why it could not be prepared, if so
   */
  public record Job(String name, Path cwd, List<String> command, Optional<String> problem) {

    public Job {
      command = List.copyOf(command);
    }
  }

  private final RunOptions options;
  private final SecretMasker masker;

  public DryRun(RunOptions options, SecretMasker masker) {
    this.options = options;
    this.masker = masker;
  }

  /** Each of {@code jobs} as it would run, in order. */
  public List<Job> describe(TaskPlan plan, List<TaskJob> jobs) throws InterruptedException {
    JobEnvironment environments = new JobEnvironment(options, masker, null, true);
    List<Job> described = new ArrayList<>();
    for (TaskJob job : jobs) {
      try {
        PreparedJob prepared = environments.prepare(plan, job, environments.base(job));
        described.add(
            new Job(
                job.name(), prepared.cwd(), masker.maskAll(prepared.command()), Optional.empty()));
      } catch (JobSetupException e) {
        described.add(
            new Job(
                job.name(),
                environments.scratchDir(job),
                List.of(),
                Optional.of(masker.mask(e.getMessage()))));
      }
    }
    return described;
  }
}
