package dev.oxtask.cli;

import dev.oxtask.core.delivery.NoteDispatcher;
import dev.oxtask.core.delivery.StatusHistory;
import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plan.UnsetVariables;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.text.SecretMasker;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The note plugins of one {@code validate} or {@code run}: loads the plugins folder, checks the
 * notes of the selected jobs before anything runs, and is the engine's {@code NoteDelivery}.
 */
final class NoteSetup implements AutoCloseable {

  private final NoteRegistry registry;
  private final NoteDispatcher dispatcher;
  private final PrintStream err;

  private NoteSetup(NoteRegistry registry, NoteDispatcher dispatcher, PrintStream err) {
    this.registry = registry;
    this.dispatcher = dispatcher;
    this.err = err;
  }

  /**
   * Uses the plugins of {@code registry}: {@link NoteRegistry#open} starts only the plugins whose
   * notes the selected jobs use ({@code run}), {@link NoteRegistry#load} every plugin ({@code
   * validate}); neither reads the folder for a plan without notes.
   *
   * @param history the previous run's statuses ({@code run}); empty for {@code validate}
   * @param console where notes that print write (stdout)
   * @param err where warnings go
   */
  static NoteSetup open(
      NoteRegistry registry,
      SecretMasker masker,
      Optional<StatusHistory> history,
      PrintStream console,
      PrintStream err) {
    return new NoteSetup(
        registry,
        new NoteDispatcher(registry, masker, history, console, NoteDispatcher.DEFAULT_SEND_TIMEOUT),
        err);
  }

  /**
   * Creates and validates the notes {@code jobs} use, prints the warnings (plugin problems, unknown
   * classes of unused notes, variables nothing sets), and returns the errors: exit 2 when there are
   * any.
   */
  List<Diagnostic> check(
      TaskPlan plan, Collection<TaskJob> jobs, Map<String, String> runnerEnvironment) {
    List<Diagnostic> problems = dispatcher.prepare(plan, jobs, runnerEnvironment);
    dispatcher.warnings().forEach(w -> err.println("warning: " + w));
    new UnsetVariables(plan, runnerEnvironment)
        .inCommands(jobs)
        .forEach(w -> err.println("warning: " + w));
    return problems;
  }

  /** The engine's {@code NoteDelivery}. */
  NoteDispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * Saves the job statuses for {@code only_if_status_changed} and unloads the plugins; a state file
   * that cannot be written is a warning, since every job has already been reported.
   */
  @Override
  public void close() {
    try {
      dispatcher.close();
    } catch (IOException e) {
      err.println("warning: could not save the job statuses for only_if_status_changed: " + e);
    } finally {
      registry.close();
    }
  }
}
