package dev.oxtask.core.pyenv;

import dev.oxtask.core.run.ProcessTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One step of an env build (probe, venv, pip): a process whose output is appended to the env's log
 * file and whose whole process tree is stopped when the build's deadline passes.
 */
final class BuildCommand {

  /** Time between SIGTERM and SIGKILL for a build that ran out of time. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  /** Builds under way in this JVM, stopped if the JVM is told to end (SIGINT, SIGTERM). */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    // An interrupted ox_task must not leave pip running on its own; the half-built folder it
    // leaves has no marker and is rebuilt by the next run.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> List.copyOf(RUNNING).forEach(BuildCommand::stopQuietly),
                "ox_task-stop-env-builds"));
  }

  private BuildCommand() {}

  /** The step did not finish before the build's deadline; its process tree has been stopped. */
  static final class DeadlineException extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Runs {@code command} in {@code cwd} with exactly {@code environment}, stdin empty, stdout and
   * stderr appended to {@code output}, and returns its exit code.
   *
   * @throws IOException when the program cannot be started
   */
  static int run(
      List<String> command,
      Path cwd,
      Map<String, String> environment,
      Path output,
      Instant deadline)
      throws IOException, InterruptedException, DeadlineException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    RUNNING.add(process);
    try {
      process.getOutputStream().close();
      long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
        new ProcessTree(process).stop(GRACE);
        throw new DeadlineException();
      }
    } catch (InterruptedException | IOException e) {
      stopQuietly(process);
      throw e;
    } finally {
      RUNNING.remove(process);
    }
    return process.exitValue();
  }

  /** Stops the tree even when this thread is interrupted: nothing may be left running. */
  private static void stopQuietly(Process process) {
    boolean interrupted = Thread.interrupted();
    try {
      new ProcessTree(process).stop(GRACE);
    } catch (InterruptedException e) {
      interrupted = true;
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
