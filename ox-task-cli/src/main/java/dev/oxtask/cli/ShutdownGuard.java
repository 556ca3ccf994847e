package dev.oxtask.cli;

import dev.oxtask.core.runner.Runner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into an orderly stop (spec section 4): while open, a JVM shutdown hook
 * cancels the run, waits for the guarded work to finish (jobs stopped, notes sent, report and state
 * written) and ends the process with exit code 130.
 */
final class ShutdownGuard implements AutoCloseable {

  /** How long an interrupted run may take to stop its jobs and write its report. */
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private ShutdownGuard(Runner runner, PrintStream out, PrintStream err) {
    this.hook =
        new Thread("ox_task-shutdown") {
          @Override
          public void run() {
            cancelAndHalt(runner, out, err);
          }
        };
  }

  /** Installs the hook; close the guard when the guarded work is done. */
  static ShutdownGuard install(Runner runner, PrintStream out, PrintStream err) {
    ShutdownGuard guard = new ShutdownGuard(runner, out, err);
    Runtime.getRuntime().addShutdownHook(guard.hook);
    return guard;
  }

  private void cancelAndHalt(Runner runner, PrintStream out, PrintStream err) {
    runner.cancel();
    try {
      finished.await(LIMIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
    err.flush();
    // halt, not exit: the JVM is already exiting, with 143 for SIGTERM; the spec wants 130.
    Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running and ends the process.
    }
  }
}
