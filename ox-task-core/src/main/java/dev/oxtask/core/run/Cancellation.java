package dev.oxtask.core.run;

/**
 * Tells running jobs that the run was interrupted: each job's thread notices within a fraction of a
 * second, stops its own process tree and ends as cancelled.
 */
final class Cancellation {

  private volatile boolean cancelled;

  void cancel() {
    cancelled = true;
  }

  boolean isCancelled() {
    return cancelled;
  }

  /** Sleeps up to {@code millis}, waking early when the run is cancelled. */
  void sleep(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (!cancelled && System.nanoTime() < deadline) {
      Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
  }
}
