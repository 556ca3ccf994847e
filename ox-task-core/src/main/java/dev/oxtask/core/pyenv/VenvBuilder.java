package dev.oxtask.core.pyenv;

import static java.util.Objects.requireNonNull;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.run.PythonEnvs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Builds each env's virtual environment at most once per run ({@code <runtime> -m venv}, then pip
 * with the env's requirements), in {@code <work-dir>/envs/<env>-<hash>}, reusing one that an
 * earlier run completed (spec section 5). One instance serves one run.
 */
public final class VenvBuilder implements PythonEnvs {

  /** The interpreter used when an env has requirements but no {@code runtime}. */
  public static final String DEFAULT_RUNTIME = "python3";

  /** The shortest time an env build is given, whatever its jobs' timeouts. */
  public static final Duration MIN_BUILD_TIMEOUT = Duration.ofMinutes(10);

  static final int TAIL_LINES = 20;

  private final Path envsDir;
  private final Path root;
  private final Path logDir;
  private final Map<String, Duration> buildTimeouts;
  private final Map<String, String> environment;
  private final ConcurrentHashMap<String, FutureTask<Path>> builds = new ConcurrentHashMap<>();

  /**
   * @param workDir the run's work dir; envs live in its {@code envs} folder
   * @param root the runner root: pip runs there, so relative paths in requirements ({@code -e
   *     ./pkg}, {@code --find-links wheels}) are read from it
   * @param logDir the run's log folder; each env's build output goes to {@code env-<env>.log}
   * @param buildTimeouts the build time limit per env name; envs not listed get {@link
   *     #MIN_BUILD_TIMEOUT} (see {@link BuildTimeouts})
   * @param environment the runner's environment, passed on to venv and pip
   */
  public VenvBuilder(
      Path workDir,
      Path root,
      Path logDir,
      Map<String, Duration> buildTimeouts,
      Map<String, String> environment) {
    this.envsDir = workDir.toAbsolutePath().resolve("envs");
    this.root = root.toAbsolutePath();
    this.logDir = requireNonNull(logDir, "logDir").toAbsolutePath();
    this.buildTimeouts = Map.copyOf(buildTimeouts);
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Path venvFor(TaskEnv env) throws EnvSetupException {
    FutureTask<Path> build = new FutureTask<>(() -> build(env));
    FutureTask<Path> first = builds.putIfAbsent(env.name(), build);
    if (first == null) {
      build.run();
      first = build;
    }
    try {
      return first.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof EnvSetupException failure) {
        // The same message for every job of the env; the build is not tried again this run.
        throw new EnvSetupException(failure.getMessage(), failure);
      }
      throw new IllegalStateException("building env '" + env.name() + "' failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvSetupException(
          "env '" + env.name() + "': interrupted while waiting for its Python environment");
    }
  }

  private Path build(TaskEnv env) throws EnvSetupException {
    Duration timeout = buildTimeouts.getOrDefault(env.name(), MIN_BUILD_TIMEOUT);
    Instant deadline = Instant.now().plus(timeout);
    EnvLog log = new EnvLog(logDir.resolve("env-" + EnvFolder.safeName(env.name()) + ".log"));
    String runtime = env.runtime().orElse(DEFAULT_RUNTIME);
    if (!Files.isDirectory(root)) {
      throw new EnvSetupException(
          "env '"
              + env.name()
              + "': the runner root "
              + root
              + " is not a directory; pip runs there, so pass an existing --root");
    }
    try {
      Map<String, String> buildEnvironment = buildEnvironment();
      Interpreter python =
          Interpreter.probe(env.name(), runtime, root, buildEnvironment, log, deadline);
      EnvFolder folder = folderOf(envsDir, env, python);
      Files.createDirectories(envsDir);
      Optional<EnvLock> lock =
          EnvLock.acquire(
              folder.lockFile(),
              deadline,
              () -> log.note("waiting for another ox_task process building " + folder.dir()));
      if (lock.isEmpty()) {
        throw new EnvSetupException(
            "env '"
                + env.name()
                + "': another ox_task process kept building "
                + folder.dir()
                + " for longer than "
                + BuildTimeouts.format(timeout)
                + " (lock file "
                + folder.lockFile()
                + "); run again when it has finished");
      }
      try (EnvLock held = lock.get()) {
        return reuseOrBuild(env, python, folder, buildEnvironment, log, deadline);
      }
    } catch (BuildCommand.DeadlineException e) {
      throw new EnvSetupException(
          "env '"
              + env.name()
              + "': building its Python environment took longer than "
              + BuildTimeouts.format(timeout)
              + " (the longest timeout of its jobs, at least 10 minutes) and was stopped; "
              + lastLines(log));
    } catch (IOException e) {
      throw new EnvSetupException(
          "env '" + env.name() + "': cannot build its Python environment: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvSetupException(
          "env '" + env.name() + "': building its Python environment was interrupted");
    }
  }

  /** The folder of {@code env} built with {@code python}, named by their hash. */
  static EnvFolder folderOf(Path envsDir, TaskEnv env, Interpreter python) {
    return EnvFolder.of(
        envsDir,
        env.name(),
        python.runtime(),
        python.version() + "\n" + python.executable(),
        env.requirements());
  }

  private Path reuseOrBuild(
      TaskEnv env,
      Interpreter python,
      EnvFolder folder,
      Map<String, String> buildEnvironment,
      EnvLog log,
      Instant deadline)
      throws EnvSetupException, IOException, InterruptedException, BuildCommand.DeadlineException {
    if (folder.isComplete()) {
      log.note("reusing " + folder.dir() + " (complete)");
      folder.touchLastUsed(Instant.now());
      return folder.dir();
    }
    if (Files.exists(folder.dir())) {
      log.note("deleting " + folder.dir() + ": an earlier build did not finish");
      folder.delete();
    }
    Instant started = Instant.now();
    try {
      createVenv(env, python, folder, buildEnvironment, log, deadline);
      installRequirements(env, folder, buildEnvironment, log, deadline);
      folder.markComplete(markerLines(env, python));
    } catch (Exception e) {
      // A half-built env is never used; removing it now saves the next run the work.
      try {
        folder.delete();
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    folder.touchLastUsed(Instant.now());
    log.note(
        "env '"
            + env.name()
            + "' ready in "
            + BuildTimeouts.format(Duration.between(started, Instant.now()))
            + ": "
            + folder.dir());
    return folder.dir();
  }

  private void createVenv(
      TaskEnv env,
      Interpreter python,
      EnvFolder folder,
      Map<String, String> buildEnvironment,
      EnvLog log,
      Instant deadline)
      throws EnvSetupException, IOException, InterruptedException, BuildCommand.DeadlineException {
    List<String> command = List.of(python.runtime(), "-m", "venv", folder.dir().toString());
    log.note("$ " + String.join(" ", command));
    int exit = BuildCommand.run(command, root, buildEnvironment, log.file(), deadline);
    if (exit != 0) {
      throw new EnvSetupException(
          "env '"
              + env.name()
              + "': '"
              + python.runtime()
              + " -m venv' failed (exit "
              + exit
              + "); "
              + lastLines(log));
    }
  }

  private void installRequirements(
      TaskEnv env,
      EnvFolder folder,
      Map<String, String> buildEnvironment,
      EnvLog log,
      Instant deadline)
      throws EnvSetupException, IOException, InterruptedException, BuildCommand.DeadlineException {
    if (env.requirements().isEmpty()) {
      return;
    }
    Files.write(folder.requirementsFile(), env.requirements(), StandardCharsets.UTF_8);
    List<String> command =
        List.of(
            folder.python().toString(),
            "-m",
            "pip",
            "install",
            "-r",
            folder.requirementsFile().toString());
    log.note("$ " + String.join(" ", command) + "    (in " + root + ")");
    int exit = BuildCommand.run(command, root, buildEnvironment, log.file(), deadline);
    if (exit != 0) {
      throw new EnvSetupException(
          "env '" + env.name() + "': pip install failed (exit " + exit + "); " + lastLines(log));
    }
  }

  private Map<String, String> buildEnvironment() {
    Map<String, String> result = new HashMap<>(environment);
    // No network assumption and nobody to answer: pip must neither phone home nor ask.
    result.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
    result.put("PIP_NO_INPUT", "1");
    // Lets requirements name files in the runner root: pip expands ${OX_TASK_ROOT} itself.
    result.put("OX_TASK_ROOT", root.toString());
    return result;
  }

  private static List<String> markerLines(TaskEnv env, Interpreter python) {
    List<String> lines = new ArrayList<>();
    lines.add("env=" + env.name());
    lines.add("runtime=" + python.runtime());
    lines.add("python=" + python.version());
    lines.add("executable=" + python.executable());
    lines.add("built_at=" + Instant.now());
    lines.add("requirements=" + env.requirements().size());
    return lines;
  }

  private static String lastLines(EnvLog log) {
    return "last lines of " + log.file() + ":\n" + log.tail(TAIL_LINES);
  }
}
