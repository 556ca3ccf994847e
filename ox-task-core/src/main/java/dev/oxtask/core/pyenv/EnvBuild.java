package dev.oxtask.core.pyenv;

import dev.oxtask.core.note.DurationText;
import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.run.LockFile;
import dev.oxtask.core.run.PythonEnvs.EnvSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt at getting one env's venv: probe the runtime, take the env's lock, then reuse the
 * completed folder or (re)build it. Every failure becomes an {@link EnvSetupException} naming the
 * env and ending with the tail of the build log.
 */
final class EnvBuild {

  static final int TAIL_LINES = 20;

  private final TaskEnv env;
  private final Path envsDir;
  private final Path root;
  private final Map<String, String> environment;
  private final EnvLog log;
  private final Duration timeout;
  private final Instant deadline;

  /**
   * @param environment what venv and pip run with
   * @param log the env's build log in the run's folder
   * @param timeout how long the whole attempt may take, lock waiting included
   */
  EnvBuild(
      TaskEnv env,
      Path envsDir,
      Path root,
      Map<String, String> environment,
      EnvLog log,
      Duration timeout) {
    this.env = env;
    this.envsDir = envsDir;
    this.root = root;
    this.environment = environment;
    this.log = log;
    this.timeout = timeout;
    this.deadline = Instant.now().plus(timeout);
  }

  /** The env's complete venv folder, reused or built now. */
  Path run() throws EnvSetupException {
    if (!Files.isDirectory(root)) {
      throw new EnvSetupException(
          prefix()
              + "the runner root "
              + root
              + " is not a directory; pip runs there, so pass an existing --root");
    }
    try {
      String runtime = env.runtime().orElse(VenvBuilder.DEFAULT_RUNTIME);
      Interpreter python = Interpreter.probe(env.name(), runtime, root, environment, log, deadline);
      return underLock(python, VenvBuilder.folderOf(envsDir, env, python));
    } catch (BuildCommand.DeadlineException e) {
      throw failure(
          "building its Python environment took longer than "
              + DurationText.of(timeout)
              + " (the longest timeout of its jobs, at least 10 minutes) and was stopped");
    } catch (IOException e) {
      throw new EnvSetupException(prefix() + "cannot build its Python environment: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvSetupException(prefix() + "building its Python environment was interrupted");
    }
  }

  private Path underLock(Interpreter python, EnvFolder folder)
      throws EnvSetupException, IOException, InterruptedException, BuildCommand.DeadlineException {
    Files.createDirectories(envsDir);
    Optional<LockFile> lock =
        LockFile.acquire(
            folder.lockFile(),
            deadline,
            () -> log.note("waiting for another ox_task process building " + folder.dir()));
    if (lock.isEmpty()) {
      throw new EnvSetupException(
          prefix()
              + "another ox_task process kept building "
              + folder.dir()
              + " for longer than "
              + DurationText.of(timeout)
              + " (lock file "
              + folder.lockFile()
              + "); run again when it has finished");
    }
    try (LockFile held = lock.get()) {
      return reuseOrBuild(python, folder);
    }
  }

  private Path reuseOrBuild(Interpreter python, EnvFolder folder)
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
      createVenv(python, folder);
      installRequirements(folder);
      folder.markComplete(markerLines(python));
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
    Duration took = Duration.between(started, Instant.now());
    log.note("env '" + env.name() + "' ready in " + DurationText.of(took) + ": " + folder.dir());
    return folder.dir();
  }

  private void createVenv(Interpreter python, EnvFolder folder)
      throws EnvSetupException, IOException, InterruptedException, BuildCommand.DeadlineException {
    int exit = step(List.of(python.runtime(), "-m", "venv", folder.dir().toString()));
    if (exit != 0) {
      throw failure("'" + python.runtime() + " -m venv' failed (exit " + exit + ")");
    }
  }

  private void installRequirements(EnvFolder folder)
      throws EnvSetupException, IOException, InterruptedException, BuildCommand.DeadlineException {
    if (env.requirements().isEmpty()) {
      return;
    }
    // Owner only: requirement lines may carry an index URL with a token.
    EnvFolder.writeLines(folder.requirementsFile(), env.requirements());
    String requirements = folder.requirementsFile().toString();
    int exit =
        step(List.of(folder.python().toString(), "-m", "pip", "install", "-r", requirements));
    if (exit != 0) {
      throw failure("pip install failed (exit " + exit + ")");
    }
  }

  /** Runs one command of the build in the runner root, logged, within the deadline. */
  private int step(List<String> command)
      throws IOException, InterruptedException, BuildCommand.DeadlineException {
    log.note("$ " + String.join(" ", command) + "    (in " + root + ")");
    return BuildCommand.run(command, root, environment, log.file(), deadline);
  }

  private List<String> markerLines(Interpreter python) {
    return List.of(
        "env=" + env.name(),
        "runtime=" + python.runtime(),
        "python=" + python.version(),
        "executable=" + python.executable(),
        "built_at=" + Instant.now(),
        "requirements=" + env.requirements().size());
  }

  private String prefix() {
    return "env '" + env.name() + "': ";
  }

  private EnvSetupException failure(String what) {
    return new EnvSetupException(
        prefix() + what + "; last lines of " + log.file() + ":\n" + log.tail(TAIL_LINES));
  }
}
