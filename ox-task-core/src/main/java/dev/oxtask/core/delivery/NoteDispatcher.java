package dev.oxtask.core.delivery;

import static java.util.Objects.requireNonNull;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskNote;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plugin.ContextClassLoader;
import dev.oxtask.core.plugin.NoteClass;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.run.NoteDelivery;
import dev.oxtask.core.text.ClosestName;
import dev.oxtask.core.text.SecretMasker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends each finished job's result to its note: creates and validates the notes of the selected
 * jobs before anything runs ({@link #prepare}), then applies conditions, substitutes the job's
 * environment into the options, masks secrets and calls the plugin with a time limit ({@link
 * #deliver}). A note's failure is returned as a message; it never changes the job's status.
 */
public final class NoteDispatcher implements NoteDelivery, AutoCloseable {

  /** How long one {@code send} may take before the run stops waiting for it. */
  public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofMinutes(2);

  private final NoteRegistry registry;
  private final SecretMasker masker;
  private final Optional<StatusHistory> history;
  private final PrintStream console;
  private final Duration sendTimeout;
  private final ExecutorService sender = Executors.newCachedThreadPool(new SenderThreads());
  private final Map<String, PreparedNote> prepared = new ConcurrentHashMap<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Map<String, String> startFailures = new ConcurrentHashMap<>();

  /**
   * @param history the previous run's statuses for {@code only_if_status_changed}; empty for {@code
   *     validate}, where nothing is sent
   * @param console where notes that print (EchoNotifier) write
   */
  public NoteDispatcher(
      NoteRegistry registry,
      SecretMasker masker,
      Optional<StatusHistory> history,
      PrintStream console,
      Duration sendTimeout) {
    this.registry = requireNonNull(registry, "registry");
    this.masker = requireNonNull(masker, "masker");
    this.history = requireNonNull(history, "history");
    this.console = requireNonNull(console, "console");
    this.sendTimeout = requireNonNull(sendTimeout, "sendTimeout");
    history.flatMap(StatusHistory::problem).ifPresent(warnings::add);
    warnings.addAll(registry.warnings());
  }

  /**
   * Creates and validates every note a selected job uses, before any job runs.
   *
   * @return the problems found, each located in the plan; empty when every note is ready
   */
  public List<Diagnostic> prepare(TaskPlan plan, Collection<TaskJob> selectedJobs) {
    return prepare(plan, selectedJobs, Map.of());
  }

  /**
   * Like {@link #prepare(TaskPlan, Collection)}; secret options that the runner's environment
   * already resolves ({@code "$SLACK_WEBHOOK_URL"}) are masked from now on, so no job's output can
   * show them, and under GitHub Actions they are registered before anything is printed.
   */
  public List<Diagnostic> prepare(
      TaskPlan plan, Collection<TaskJob> selectedJobs, Map<String, String> runnerEnvironment) {
    Set<String> used = new LinkedHashSet<>();
    selectedJobs.forEach(job -> job.note().filter(n -> !n.isEmpty()).ifPresent(used::add));
    List<Diagnostic> errors = new ArrayList<>();
    for (String name : used) {
      TaskNote note = plan.notes().get(name);
      if (note != null) {
        Secrets.registerLiterals(Secrets.substitute(note.options(), runnerEnvironment), masker);
        errors.addAll(prepareOne(plan, note));
      }
    }
    for (TaskNote note : plan.notes().values()) {
      if (!used.contains(note.name()) && registry.matching(note.className()).isEmpty()) {
        String why = unknownClass(note.className()) + "; no selected job uses this note";
        warnings.add(plan.diagnostic(classNameKey(note), why).toString());
      }
    }
    return errors;
  }

  /** What the user should know that does not stop the run: plugin problems, unused notes. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  @Override
  public Optional<String> deliver(TaskJob job, JobResult result, Map<String, String> environment) {
    Optional<String> startFailure = Optional.ofNullable(startFailures.remove(job.name()));
    Optional<String> failure = deliverResult(job, result, environment);
    if (startFailure.isPresent() && failure.isPresent()) {
      return Optional.of(startFailure.get() + "; " + failure.get());
    }
    return startFailure.isPresent() ? startFailure : failure;
  }

  /**
   * Calls the note's {@link Note#started} hook, only when the note has no conditions: they are
   * about a result, and a start reported without its finish would look like a hung job. A failure
   * is kept and returned by {@link #deliver} for the same job.
   */
  @Override
  public void started(TaskJob job, Map<String, String> environment) {
    Optional<String> noteName = job.note().filter(n -> !n.isEmpty());
    PreparedNote note = noteName.map(prepared::get).orElse(null);
    if (note == null || !note.plan().conditions().isEmpty()) {
      // An unprepared note is reported by deliver.
      return;
    }
    NoteOptions options = options(note, environment);
    NoteContext context = context(noteName.get(), environment);
    call(note, () -> note.instance().started(options, job.name(), context))
        .map(why -> failure(note, " at the job's start", why))
        .ifPresent(message -> startFailures.put(job.name(), message));
  }

  private Optional<String> deliverResult(
      TaskJob job, JobResult result, Map<String, String> environment) {
    Optional<String> noteName = job.note().filter(n -> !n.isEmpty());
    boolean changed = history.map(h -> h.changed(job.name(), result.status())).orElse(true);
    history.ifPresent(h -> h.record(job.name(), result.status()));
    if (noteName.isEmpty()) {
      return Optional.empty();
    }
    PreparedNote note = prepared.get(noteName.get());
    if (note == null) {
      throw new IllegalStateException(
          "note '"
              + noteName.get()
              + "' was not prepared: call prepare(plan, jobs) before running");
    }
    if (!Conditions.hold(note.plan().conditions(), result, changed)) {
      return Optional.empty();
    }
    NoteOptions options = options(note, environment);
    NoteContext context = context(noteName.get(), environment);
    return call(note, () -> note.instance().send(options, result, context))
        .map(why -> failure(note, "", why));
  }

  /** The note's options with the job's environment substituted, their secrets registered. */
  private NoteOptions options(PreparedNote note, Map<String, String> environment) {
    Map<String, Object> options = Secrets.substitute(note.plan().options(), environment);
    Secrets.register(options, masker);
    return new NoteOptions(options);
  }

  private NoteContext context(String noteName, Map<String, String> environment) {
    return new NoteContext(
        noteName, HostName.current(), NoteContext.gitHubRunUrl(environment), environment, console);
  }

  /** Saves the statuses of this run for {@code only_if_status_changed} and stops the senders. */
  @Override
  public void close() throws IOException {
    sender.shutdownNow();
    if (history.isPresent()) {
      history.get().save();
    }
  }

  private List<Diagnostic> prepareOne(TaskPlan plan, TaskNote note) {
    List<NoteClass> found = registry.matching(note.className());
    if (found.isEmpty()) {
      return List.of(plan.diagnostic(classNameKey(note), unknownClass(note.className())));
    }
    if (found.size() > 1) {
      return List.of(plan.diagnostic(classNameKey(note), ambiguous(note.className(), found)));
    }
    NoteClass noteClass = found.get(0);
    ClassLoader loader = registry.classLoader(noteClass);
    Note instance;
    List<OptionProblem> problems;
    try {
      instance = registry.create(noteClass);
      NoteOptions options = new NoteOptions(note.options());
      problems = ContextClassLoader.call(loader, () -> instance.validate(options));
    } catch (NoteException | RuntimeException | LinkageError e) {
      String why = e instanceof NoteException ? e.getMessage() : "checking options threw " + e;
      return List.of(plan.diagnostic(classNameKey(note), masker.mask(why)));
    }
    if (!problems.isEmpty()) {
      return problems.stream()
          .map(
              p ->
                  plan.diagnostic("notes." + note.name() + "." + p.key(), masker.mask(p.message())))
          .toList();
    }
    prepared.put(note.name(), new PreparedNote(note, instance, loader));
    return List.of();
  }

  /** What a plugin is asked to do. */
  private interface PluginCall {
    void run() throws NoteException;
  }

  /**
   * Runs {@code action} with the plugin's class loader and the time limit.
   *
   * @return why it failed, or empty when it succeeded
   */
  private Optional<String> call(PreparedNote note, PluginCall action) {
    Future<Object> call =
        sender.submit(
            () ->
                ContextClassLoader.call(
                    note.loader(),
                    () -> {
                      action.run();
                      return null;
                    }));
    try {
      call.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (TimeoutException e) {
      call.cancel(true);
      return Optional.of("it did not finish within " + shown(sendTimeout) + " and was abandoned");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return Optional.of(cause instanceof NoteException ? cause.getMessage() : cause.toString());
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return Optional.of("the run was interrupted while it was sending");
    }
  }

  private String failure(PreparedNote note, String when, String why) {
    String message =
        "note '"
            + note.plan().name()
            + "' ("
            + note.plan().className()
            + ") failed"
            + when
            + ": "
            + why;
    return masker.mask(message);
  }

  private String unknownClass(String className) {
    List<String> names =
        registry.classes().stream().map(NoteClass::simpleName).distinct().sorted().toList();
    String folder = registry.folder().path() + " (" + registry.folder().origin() + ")";
    StringBuilder message = new StringBuilder("unknown note class '" + className + "'");
    if (names.isEmpty()) {
      message.append("; no note classes were found in ").append(folder);
      if (!Files.isDirectory(registry.folder().path())) {
        message.append(", which does not exist");
      }
      message.append(
          "; build the plugins with ./mvnw package, or point --plugins-dir or $OX_TASK_PLUGINS_DIR"
              + " at a folder of plugin JARs");
    } else {
      message.append("; note classes found in ").append(folder).append(": ");
      message.append(String.join(", ", names));
      message.append(ClosestName.suggestion(className, names));
    }
    if (!registry.warnings().isEmpty()) {
      message.append(" (plugin problems: ").append(String.join("; ", registry.warnings()));
      message.append(")");
    }
    return message.toString();
  }

  private static String ambiguous(String className, List<NoteClass> found) {
    List<String> where = found.stream().map(c -> c.className() + " in " + c.origin()).toList();
    return "note class '"
        + className
        + "' is ambiguous: it matches "
        + String.join(", ", where)
        + "; use the fully qualified class name";
  }

  private static String shown(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static String classNameKey(TaskNote note) {
    return "notes." + note.name() + ".class_name";
  }

  /** A note ready to send: its plan entry, the plugin's instance and class loader. */
  private record PreparedNote(TaskNote plan, Note instance, ClassLoader loader) {}

  /** Daemon threads, so a plugin that never returns cannot keep the JVM alive. */
  private static final class SenderThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "ox-task-note-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
