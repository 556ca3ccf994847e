package dev.oxtask.core.run;

import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.text.SecretMasker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Delivers finished jobs' results to their notes in the background, so a slow note holds up neither
 * later jobs nor other notes: one thread per note, which therefore gets its results in the order
 * they were handed over (plan order) and never two at once.
 */
final class NoteQueue implements AutoCloseable {

  /** How long notes still being sent may take once the run is interrupted. */
  static final Duration GRACE_WHEN_INTERRUPTED = Duration.ofSeconds(2);

  /** How long the end of a run waits for a note quietly before saying that it waits. */
  static final Duration SLOW = Duration.ofSeconds(1);

  private final NoteDelivery delivery;
  private final SecretMasker masker;
  private final Cancellation cancellation;
  private final Map<String, ExecutorService> threads = new LinkedHashMap<>();
  private long interruptedDeadline;
  private boolean interruptedSeen;

  NoteQueue(NoteDelivery delivery, SecretMasker masker, Cancellation cancellation) {
    this.delivery = delivery;
    this.masker = masker;
    this.cancellation = cancellation;
  }

  /**
   * Starts delivering {@code finished}'s result to {@code job}'s note; a job without a note is
   * handled at once (its status is still recorded).
   *
   * @return why delivery failed (masked), or empty
   */
  CompletableFuture<Optional<String>> submit(TaskJob job, JobRunner.Finished finished) {
    Optional<String> note = job.note();
    if (note.isEmpty()) {
      return CompletableFuture.completedFuture(deliver(job, finished));
    }
    ExecutorService thread = threads.get(note.get());
    if (thread == null) {
      thread = Executors.newSingleThreadExecutor(new NoteThread(note.get()));
      threads.put(note.get(), thread);
    }
    return CompletableFuture.supplyAsync(
        new Supplier<>() {
          @Override
          public Optional<String> get() {
            return deliver(job, finished);
          }
        },
        thread);
  }

  /**
   * Waits for one delivery: as long as it takes (the note's own time limit bounds it) unless the
   * run is interrupted, after which all deliveries together get {@link #GRACE_WHEN_INTERRUPTED}.
   *
   * @param onSlow called once when the delivery is not done within {@link #SLOW}
   */
  Optional<String> await(TaskJob job, CompletableFuture<Optional<String>> pending, Runnable onSlow)
      throws InterruptedException {
    long slowAt = System.nanoTime() + SLOW.toNanos();
    boolean told = false;
    while (true) {
      try {
        return pending.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!told && System.nanoTime() - slowAt >= 0) {
          told = true;
          onSlow.run();
        }
        if (cancellation.isCancelled()) {
          if (!interruptedSeen) {
            interruptedSeen = true;
            interruptedDeadline = System.nanoTime() + GRACE_WHEN_INTERRUPTED.toNanos();
          }
          if (System.nanoTime() - interruptedDeadline >= 0) {
            pending.cancel(true);
            return Optional.of(
                masker.mask(
                    "note '"
                        + job.note().orElse("")
                        + "' of job '"
                        + job.name()
                        + "' was not delivered: ox_task was interrupted while it was being sent"));
          }
        }
      } catch (ExecutionException e) {
        // deliver() catches everything a plugin throws; this is an Error.
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private Optional<String> deliver(TaskJob job, JobRunner.Finished finished) {
    try {
      return masker.mask(delivery.deliver(job, finished.result(), finished.environment()));
    } catch (RuntimeException e) {
      // A note plugin's bug must not lose the other jobs' results or the report.
      // Fetched here, not in a static field: a run that logs nothing never starts logging.
      LoggerFactory.getLogger(NoteQueue.class).debug("note of job '{}' failed", job.name(), e);
      return Optional.of(masker.mask("note of job '" + job.name() + "' failed unexpectedly: " + e));
    }
  }

  /** Stops the note threads; a delivery still running is abandoned (its thread is a daemon). */
  @Override
  public void close() {
    for (ExecutorService thread : threads.values()) {
      thread.shutdownNow();
    }
  }

  /** The daemon thread {@code ox_task-note-<note>}. */
  private static final class NoteThread implements ThreadFactory {
    private final String note;

    NoteThread(String note) {
      this.note = note;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "ox_task-note-" + note);
      t.setDaemon(true);
      return t;
    }
  }
}
