package dev.oxtask.core.run;

import dev.oxtask.core.note.DurationText;
import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.run.PythonEnvs.EnvSetupException;
import dev.oxtask.core.text.SecretMasker;
import dev.oxtask.core.text.Template;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a job's environment, working directory and command as spec section 3 says: the runner's
 * environment, the {@code OX_TASK_*} variables, the env's variables in order (backtick values run
 * in a shell), the Python venv, then substitution into each command element.
 */
final class JobEnvironment {

  /** A backtick's stdout kept for its value; more is an error rather than a silent cut. */
  private static final OutputLimit BACKTICK_LIMIT = new OutputLimit(1 << 20, 1);

  private final RunOptions options;
  private final SecretMasker masker;
  private final ProcessRun processes;
  private final boolean dryRun;

  /**
   * @param dryRun leave backtick values as written and build no venv: nothing may run
   */
  JobEnvironment(RunOptions options, SecretMasker masker, ProcessRun processes, boolean dryRun) {
    this.options = options;
    this.masker = masker;
    this.processes = processes;
    this.dryRun = dryRun;
  }

  /** The job's scratch folder, {@code <work-dir>/jobs/<job>}. */
  Path scratchDir(TaskJob job) {
    return options.workDir().resolve("jobs").resolve(FileNames.safe(job.name()));
  }

  /** The environment before the env's variables: the runner's plus {@code OX_TASK_*}. */
  Map<String, String> base(TaskJob job) {
    Map<String, String> environment = new LinkedHashMap<>(options.environment());
    environment.put("OX_TASK_JOB_NAME", job.name());
    Path planDir = job.planFile().toAbsolutePath().normalize().getParent();
    environment.put("OX_TASK_PLAN_DIR", planDir == null ? "/" : planDir.toString());
    environment.put("OX_TASK_RUN_ID", options.runId());
    environment.put("OX_TASK_WORK_DIR", scratchDir(job).toString());
    // One folder for log files that all jobs and runs share (not in the original ox_task).
    environment.put("OX_TASK_LOG_DIR", options.workDir().resolve("logs").toString());
    return environment;
  }

  /**
   * Prepares {@code job} to run; {@code environment} receives the variables as they are set, so a
   * failure still leaves what was built for the note.
   *
   * @throws JobSetupException when the working directory, a backtick or the venv fails
   */
  PreparedJob prepare(TaskPlan plan, TaskJob job, Map<String, String> environment)
      throws JobSetupException, InterruptedException {
    Optional<TaskEnv> env = plan.envOf(job);
    Path cwd = workingDirectory(job, env);
    if (env.isPresent()) {
      // Backticks run where the original ran them, the runner's folder (--root), so `git ...` and
      // `cat version.txt` see the checkout; an env with a path runs them there instead.
      Path backtickDir = env.get().path().isPresent() ? cwd : options.root();
      evaluateVariables(env.get(), job, backtickDir, environment);
      if (env.get().needsPythonEnv() && !dryRun) {
        activateVenv(env.get(), environment);
      }
    }
    List<String> words = new ArrayList<>();
    for (String word : job.command()) {
      words.add(Template.substitute(word, environment));
    }
    if (job.shell()) {
      return new PreparedJob(environment, cwd, List.of("/bin/sh", "-c", String.join(" ", words)));
    }
    if (!dryRun) {
      ProgramLookup.find(words.get(0), cwd, environment);
    }
    return new PreparedJob(environment, cwd, words);
  }

  private Path workingDirectory(TaskJob job, Optional<TaskEnv> env) throws JobSetupException {
    Optional<String> path = env.isPresent() ? env.get().path() : Optional.empty();
    Path scratch = scratchDir(job);
    if (!dryRun) {
      try {
        Folders.ensure(scratch);
      } catch (IOException e) {
        throw new JobSetupException("cannot create the job's folder " + scratch + ": " + e);
      }
    }
    if (path.isEmpty()) {
      return scratch;
    }
    Path cwd = options.root().resolve(path.get()).toAbsolutePath().normalize();
    if (!Files.isDirectory(cwd) && !dryRun) {
      throw new JobSetupException(
          "path '"
              + path.get()
              + "' of env '"
              + env.get().name()
              + "' is not a directory: "
              + cwd
              + " (env paths are resolved against --root "
              + options.root()
              + ")");
    }
    return cwd;
  }

  private void evaluateVariables(
      TaskEnv env, TaskJob job, Path cwd, Map<String, String> environment)
      throws JobSetupException, InterruptedException {
    for (Map.Entry<String, String> variable : env.variables().entrySet()) {
      String value = variable.getValue();
      boolean backtick = TaskEnv.isBacktick(value);
      if (backtick && !dryRun) {
        value =
            runBacktick(
                variable.getKey(), value.substring(1, value.length() - 1), job, cwd, environment);
      } else if (!backtick) {
        value = Template.substitute(value, environment);
      }
      if (env.secrets().contains(variable.getKey())) {
        masker.add(value);
      }
      environment.put(variable.getKey(), value);
    }
    // A secret may also come from the runner's environment (a CI secret), not from `variables`.
    for (String name : env.secrets()) {
      masker.add(environment.get(name));
    }
  }

  private String runBacktick(
      String name, String script, TaskJob job, Path cwd, Map<String, String> environment)
      throws JobSetupException, InterruptedException {
    String what = "variable '" + name + "': `" + script + "` ";
    ProcessRun.Outcome outcome;
    try {
      outcome =
          processes.run(
              List.of("/bin/sh", "-c", script),
              cwd,
              environment,
              job.timeout(),
              new ProcessRun.Capture(
                  BACKTICK_LIMIT, Optional.empty(), Optional.empty(), false, "", List.of()));
    } catch (IOException e) {
      throw new JobSetupException(what + "could not start /bin/sh: " + e.getMessage());
    }
    switch (outcome.end()) {
      case TIMED_OUT:
        throw new JobSetupException(
            what + "did not finish within the job's timeout of " + DurationText.of(job.timeout()));
      case CANCELLED:
        throw new JobSetupException(what + "was stopped: the run was interrupted");
      default:
        break;
    }
    int code = outcome.exitCode().orElse(-1);
    if (code != 0) {
      String stderr = outcome.stderr().strip();
      throw new JobSetupException(
          what + "exited with " + code + (stderr.isEmpty() ? "" : ": " + stderr));
    }
    if (outcome.stdoutTruncated()) {
      throw new JobSetupException(what + "printed more than 1 MiB; a variable holds less");
    }
    String value = outcome.stdout().strip();
    if (value.indexOf('\0') >= 0) {
      throw new JobSetupException(
          what + "printed a NUL character, which no environment variable can hold");
    }
    return value;
  }

  private void activateVenv(TaskEnv env, Map<String, String> environment)
      throws JobSetupException, InterruptedException {
    Path venv;
    try {
      venv = options.pythonEnvs().venvFor(env);
    } catch (EnvSetupException e) {
      throw new JobSetupException(e.getMessage());
    }
    String path = environment.get("PATH");
    String bin = venv.resolve("bin").toString();
    environment.put("PATH", path == null || path.isEmpty() ? bin : bin + File.pathSeparator + path);
    environment.put("VIRTUAL_ENV", venv.toString());
  }
}
