package dev.oxtask.core.pyenv;

import static java.util.Objects.requireNonNull;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.run.PythonEnvs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
    EnvLog log = new EnvLog(logDir.resolve("env-" + EnvFolder.safeName(env.name()) + ".log"));
    Duration timeout = buildTimeouts.getOrDefault(env.name(), MIN_BUILD_TIMEOUT);
    return new EnvBuild(env, envsDir, root, buildEnvironment(), log, timeout).run();
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

  private Map<String, String> buildEnvironment() {
    Map<String, String> result = new HashMap<>(environment);
    // No network assumption and nobody to answer: pip must neither phone home nor ask.
    result.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
    result.put("PIP_NO_INPUT", "1");
    // Lets requirements name files in the runner root: pip expands ${OX_TASK_ROOT} itself.
    result.put("OX_TASK_ROOT", root.toString());
    return result;
  }
}
