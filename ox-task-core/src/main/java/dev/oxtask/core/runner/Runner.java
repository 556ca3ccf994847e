package dev.oxtask.core.runner;

import static java.util.Objects.requireNonNull;

import dev.oxtask.core.delivery.NoteDispatcher;
import dev.oxtask.core.delivery.StatusHistory;
import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.JobSelection;
import dev.oxtask.core.plan.PlanException;
import dev.oxtask.core.plan.PlanLoader;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plan.UnsetVariables;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.plugin.PluginsFolder;
import dev.oxtask.core.pyenv.BuildTimeouts;
import dev.oxtask.core.pyenv.VenvBuilder;
import dev.oxtask.core.run.DryRun;
import dev.oxtask.core.run.Engine;
import dev.oxtask.core.run.KnownSecrets;
import dev.oxtask.core.run.RunListener;
import dev.oxtask.core.run.RunOptions;
import dev.oxtask.core.run.RunResult;
import dev.oxtask.core.run.WorkDir;
import dev.oxtask.core.run.WorkDirException;
import dev.oxtask.core.text.SecretMasker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Runs one plan, the way {@code ox_task run} does: validates its notes, prepares the work dir, runs
 * the selected jobs with their environments, timeouts and Python envs, delivers each result to its
 * note and keeps the statuses for {@code only_if_status_changed}. It owns the run id and folder,
 * the secret masker, the note plugins and the status history; close it when done (it saves the
 * statuses and unloads the plugins).
 *
 * <pre>{@code
 * try (Runner runner = Runner.builder().workDir(Path.of("/tmp/ox_task")).build()) {
 *   RunResult result = runner.run(runner.load(Path.of("tasks.json")));
 * }
 * }</pre>
 *
 * <p>A runner runs one plan once; build another for the next run (a {@link Builder} can build
 * many). Warnings go to the {@link Builder#warnings} sink (slf4j by default); {@link #validate}
 * returns those it finds instead, so a caller can show them before anything runs.
 */
public final class Runner implements AutoCloseable {

  static final String TOO_SHORT =
      "a secret shorter than "
          + SecretMasker.MIN_LENGTH
          + " characters is not masked: it would hide that text in every word; anything that"
          + " prints it shows it";

  private final Path workDir;
  private final Path root;
  private final Map<String, String> environment;
  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
  private final List<String> jobNames;
  private final int parallel;
  private final boolean failFast;
  private final Duration killGrace;
  private final String runId;
  private final Consumer<String> warnings;
  private final SecretMasker masker = new SecretMasker();
  private final NoteRegistry registry;
  private final NoteDispatcher dispatcher;

  // Where the masker's one "too short" warning goes: the list validate() is filling, else the sink.
  private volatile Consumer<String> tooShort;
  private TaskPlan validated;
  private Validation validation;
  private boolean started;
  // Set and read across threads: cancel() comes from a signal handler.
  private volatile boolean cancelled;
  private volatile Engine engine;

  private Runner(Builder builder) {
    this.environment = Map.copyOf(builder.environment);
    Path dir = builder.workDir != null ? builder.workDir : WorkDir.defaultPath(environment);
    this.workDir = dir.toAbsolutePath().normalize();
    this.root = builder.root.toAbsolutePath().normalize();
    this.listeners.addAll(builder.listeners);
    this.jobNames = List.copyOf(builder.jobs);
    this.parallel = builder.parallel;
    this.failFast = builder.failFast;
    this.killGrace = builder.killGrace;
    this.runId = builder.runId != null ? builder.runId : RunOptions.newRunId();
    this.warnings = builder.warnings;
    this.tooShort = warnings;
    PluginsFolder folder =
        builder.pluginsFolder != null ? builder.pluginsFolder : defaultPluginsFolder(environment);
    this.registry = builder.everyPlugin ? NoteRegistry.load(folder) : NoteRegistry.open(folder);
    this.dispatcher =
        new NoteDispatcher(
            registry,
            masker,
            Optional.empty(),
            builder.console,
            NoteDispatcher.DEFAULT_SEND_TIMEOUT);
    masker.onTooShort(
        new Runnable() {
          @Override
          public void run() {
            tooShort.accept(TOO_SHORT);
          }
        });
  }

  private static PluginsFolder defaultPluginsFolder(Map<String, String> environment) {
    return PluginsFolder.resolve(
        Optional.empty(),
        environment,
        Optional.ofNullable(System.getProperty(PluginsFolder.HOME_PROPERTY)));
  }

  /**
   * A builder with the defaults of {@code ox_task run}: this process's environment, the work dir it
   * names ({@link WorkDir#defaultPath}), the plugins folder it names, every job, one at a time.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Names this run's log folder; {@code OX_TASK_RUN_ID} in every job's environment. */
  public String runId() {
    return runId;
  }

  /** Scratch folders, logs, envs and state, made absolute. */
  public Path workDir() {
    return workDir;
  }

  /** This run's folder of job logs: {@code <work-dir>/runs/<run-id>}. */
  public Path runDir() {
    return RunOptions.runDir(workDir, runId);
  }

  /**
   * The masker every secret of the run is registered with, as it becomes known: mask with it
   * whatever you print or write about the run.
   */
  public SecretMasker masker() {
    return masker;
  }

  /**
   * Also tells {@code listener} what the run does, like {@link Builder#listener}: for a listener
   * that needs this runner's {@link #masker}, {@link #runId} or {@link #runDir}. Call it before
   * {@link #run}.
   */
  public void listen(RunListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  /**
   * Loads and merges plan files as {@code ox_task} does ({@code .py} plans evaluated by the python
   * that the runner's {@code OX_TASK_PYTHON} names).
   *
   * @throws PlanException every problem of the files, located
   */
  public TaskPlan load(Path... files) throws PlanException {
    return PlanLoader.fromEnvironment(environment).load(List.of(files));
  }

  /**
   * Checks what loading a plan cannot: the notes of the selected jobs are created from the plugins
   * and their options validated; secrets known before the run are registered with the masker;
   * variables nothing defines are named. Runs nothing and writes nothing.
   *
   * @throws IllegalArgumentException when a job named to the builder is not in the plan (check
   *     names first with {@link JobSelection#select} to tell a user)
   */
  public synchronized Validation validate(TaskPlan plan) {
    requireNonNull(plan, "plan");
    if (validated != null) {
      if (validated != plan) {
        throw new IllegalStateException("this runner checked another plan; build one per plan");
      }
      return validation;
    }
    List<TaskJob> jobs = selected(plan);
    List<String> found = new ArrayList<>();
    tooShort = new AddTo(found);
    List<Diagnostic> errors;
    try {
      masker.addAll(KnownSecrets.of(plan, jobs, environment));
      errors = dispatcher.prepare(plan, jobs, environment);
    } finally {
      tooShort = warnings;
    }
    found.addAll(dispatcher.warnings());
    for (Diagnostic unset : new UnsetVariables(plan, environment).inCommands(jobs)) {
      found.add(unset.toString());
    }
    validated = plan;
    validation = new Validation(errors, found);
    return validation;
  }

  /**
   * Runs the selected jobs of {@code plan} and returns when each has finished (or been skipped) and
   * its note has been sent. Validates the plan first unless {@link #validate} already did (its
   * warnings then go to the sink). A job that fails, times out or cannot start is a result, not an
   * exception.
   *
   * @throws PlanException the plan's notes are not valid (see {@link #validate}); nothing ran
   * @throws WorkDirException the work dir cannot be used (another user's, writable by others);
   *     nothing ran
   * @throws InterruptedException this thread was interrupted; running jobs were stopped
   */
  public RunResult run(TaskPlan plan) throws PlanException, WorkDirException, InterruptedException {
    List<TaskJob> jobs = start(plan);
    WorkDir.prepare(workDir);
    StatusHistory history = StatusHistory.load(workDir);
    history.problem().ifPresent(warnings);
    dispatcher.useHistory(history);
    Engine running = new Engine(options(plan, jobs), masker);
    engine = running;
    if (cancelled) {
      running.cancel();
    }
    return running.run(plan, jobs, RunListener.all(listeners));
  }

  /**
   * What {@link #run} would do ({@code --dry-run}): each selected job's folder and command after
   * substitution, secrets masked. Runs no job and creates nothing; backtick variables are not
   * evaluated.
   *
   * @throws PlanException the plan's notes are not valid
   * @throws WorkDirException the work dir could not be used
   */
  public List<DryRun.Job> describe(TaskPlan plan)
      throws PlanException, WorkDirException, InterruptedException {
    List<TaskJob> jobs = start(plan);
    WorkDir.check(workDir);
    return new DryRun(options(plan, jobs), masker).describe(plan, jobs);
  }

  /**
   * Stops the run from another thread (a signal): running jobs end as cancelled, the rest are
   * skipped; {@link #run} then returns a result that says it was interrupted. Called before the run
   * starts, it makes the run skip every job.
   */
  public void cancel() {
    cancelled = true;
    Engine running = engine;
    if (running != null) {
      running.cancel();
    }
  }

  /**
   * Saves the job statuses of a run for {@code only_if_status_changed} (a state file that cannot be
   * written is a warning: every job has been reported already) and unloads the plugins.
   */
  @Override
  public void close() {
    try {
      dispatcher.close();
    } catch (IOException e) {
      warnings.accept("could not save the job statuses for only_if_status_changed: " + e);
    } finally {
      registry.close();
    }
  }

  private synchronized List<TaskJob> start(TaskPlan plan) throws PlanException {
    if (started) {
      throw new IllegalStateException("this runner has run its plan; build one per run");
    }
    boolean checkedBefore = validated != null;
    Validation checked = validate(plan);
    if (!checkedBefore) {
      checked.warnings().forEach(warnings);
    }
    if (!checked.ok()) {
      throw new PlanException(checked.errors());
    }
    started = true;
    return selected(plan);
  }

  private List<TaskJob> selected(TaskPlan plan) {
    JobSelection.Selected selection = JobSelection.select(plan, jobNames);
    if (selection.problem().isPresent()) {
      throw new IllegalArgumentException(selection.problem().get());
    }
    return selection.jobs();
  }

  private RunOptions options(TaskPlan plan, List<TaskJob> jobs) {
    VenvBuilder venvs =
        new VenvBuilder(workDir, root, runDir(), BuildTimeouts.forJobs(plan, jobs), environment);
    return RunOptions.builder(workDir, root, venvs)
        .runId(runId)
        .environment(environment)
        .parallel(parallel)
        .failFast(failFast)
        .killGrace(killGrace)
        .notes(dispatcher)
        .build();
  }

  private static final class AddTo implements Consumer<String> {
    private final List<String> list;

    AddTo(List<String> list) {
      this.list = list;
    }

    @Override
    public void accept(String text) {
      list.add(text);
    }
  }

  private static final class LogWarning implements Consumer<String> {
    @Override
    public void accept(String warning) {
      LoggerFactory.getLogger(Runner.class).warn(warning);
    }
  }

  /** Collects a {@link Runner}'s settings; every one has the default of {@code ox_task run}. */
  public static final class Builder {
    private Path workDir;
    private Path root = Path.of("");
    private PluginsFolder pluginsFolder;
    private Map<String, String> environment = System.getenv();
    private final List<RunListener> listeners = new ArrayList<>();
    private List<String> jobs = List.of();
    private int parallel = 1;
    private boolean failFast;
    private Duration killGrace = RunOptions.DEFAULT_KILL_GRACE;
    private String runId;
    private PrintStream console = System.out;
    // The logger is fetched only when there is a warning: a run that logs nothing never starts
    // the logging framework.
    private Consumer<String> warnings = new LogWarning();
    private boolean everyPlugin;

    private Builder() {}

    /**
     * Scratch folders, logs, envs and state; created {@code 0700} by {@link #run}, refused when
     * another user owns it or others can write to it. Default: {@link WorkDir#defaultPath}.
     */
    public Builder workDir(Path workDir) {
      this.workDir = requireNonNull(workDir, "workDir");
      return this;
    }

    /** Where env {@code path}s are resolved. Default: the current directory. */
    public Builder root(Path root) {
      this.root = requireNonNull(root, "root");
      return this;
    }

    /** The folder of note plugin JARs. Default: as {@code ox_task} finds it (spec section 6). */
    public Builder pluginsFolder(PluginsFolder pluginsFolder) {
      this.pluginsFolder = requireNonNull(pluginsFolder, "pluginsFolder");
      return this;
    }

    /** Like {@link #pluginsFolder(PluginsFolder)}, for a folder given by path. */
    public Builder pluginsDir(Path dir) {
      return pluginsFolder(
          new PluginsFolder(dir.toAbsolutePath().normalize(), "the runner's plugins folder"));
    }

    /** The runner's environment, the start of every job's. Default: this process's. */
    public Builder environment(Map<String, String> environment) {
      this.environment = requireNonNull(environment, "environment");
      return this;
    }

    /** Also tells {@code listener} what the run does (jobs starting and finishing, notes). */
    public Builder listener(RunListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /** Runs only these jobs (in plan order). Default: every job. */
    public Builder jobs(List<String> names) {
      this.jobs = List.copyOf(names);
      return this;
    }

    /** How many jobs run at once, 1 or more. Default: 1. */
    public Builder parallel(int parallel) {
      if (parallel < 1) {
        throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
      }
      this.parallel = parallel;
      return this;
    }

    /** After the first job that does not succeed, start no more. Default: run them all. */
    public Builder failFast(boolean failFast) {
      this.failFast = failFast;
      return this;
    }

    /** Between SIGTERM and SIGKILL when a process tree is stopped. Default: 5 s (the spec's). */
    public Builder killGrace(Duration killGrace) {
      this.killGrace = requireNonNull(killGrace, "killGrace");
      return this;
    }

    /** The run id. Default: a new one ({@link RunOptions#newRunId}). */
    public Builder runId(String runId) {
      this.runId = requireNonNull(runId, "runId");
      return this;
    }

    /** Where notes that print (EchoNotifier) write. Default: {@code System.out}. */
    public Builder console(PrintStream console) {
      this.console = requireNonNull(console, "console");
      return this;
    }

    /** Where warnings go while the plan runs (one sentence each). Default: slf4j at WARN. */
    public Builder warnings(Consumer<String> warnings) {
      this.warnings = requireNonNull(warnings, "warnings");
      return this;
    }

    /**
     * Starts every plugin of the folder when it is first read, so {@link #validate} warns about
     * each plugin that cannot start, not only those the plan's notes need ({@code ox_task
     * validate}). Default: plugins start one by one as their notes are needed.
     */
    public Builder checkEveryPlugin(boolean everyPlugin) {
      this.everyPlugin = everyPlugin;
      return this;
    }

    /** A runner with a new run id unless one was given. */
    public Runner build() {
      return new Runner(this);
    }
  }
}
