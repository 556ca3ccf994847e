package dev.oxtask.core.delivery;

import static java.util.Objects.requireNonNull;

import dev.oxtask.core.note.DurationText;
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
import dev.oxtask.core.plan.UnsetVariables;
import dev.oxtask.core.plugin.ContextClassLoader;
import dev.oxtask.core.plugin.NoteClass;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.run.DaemonThreads;
import dev.oxtask.core.run.NoteDelivery;
import dev.oxtask.core.text.ClosestName;
import dev.oxtask.core.text.SecretMasker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each finished job's result to its note: creates and validates the notes of the selected
 * jobs before anything runs ({@link #prepare}), then applies conditions, substitutes the job's
 * environment into the options, masks secrets and calls the plugin with a time limit ({@link
 * #deliver}). A note's failure is returned as a message; it never changes the job's status.
 */
public final class NoteDispatcher implements NoteDelivery, AutoCloseable {

  /**
   * How long one delivery ({@code send}, all its attempts) may take before it is abandoned, unless
   * the note sets {@link NoteOptions#TIMEOUT}.
   */
  public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(60);

  private final NoteRegistry registry;
  private final SecretMasker masker;
  // Set once before the first delivery (useHistory); read by the sender threads.
  private volatile Optional<StatusHistory> history;
  private final PrintStream console;
  private final Duration sendTimeout;
  private final ExecutorService sender =
      Executors.newCachedThreadPool(new DaemonThreads("ox-task-note-"));
  private final Map<String, PreparedNote> prepared = new ConcurrentHashMap<>();
  private final Map<String, String> startFailures = new ConcurrentHashMap<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  /**
   * @param history the previous run's statuses for {@code only_if_status_changed}; empty for {@code
   *     validate}, where nothing is sent
   * @param console where notes that print (EchoNotifier) write
   * @param sendTimeout how long a delivery of a note without a {@code timeout} option may take
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
    if (history.isPresent() && history.get().problem().isPresent()) {
      warnings.add(history.get().problem().get());
    }
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
    if (!plan.notes().isEmpty()) {
      // The plugins folder is read only for a plan with notes; a run without notes never looks.
      warnings.addAll(registry.warnings());
    }
    Set<String> used = new LinkedHashSet<>();
    for (TaskJob job : selectedJobs) {
      if (job.note().isPresent()) {
        used.add(job.note().get());
      }
    }
    List<Diagnostic> errors = new ArrayList<>();
    UnsetVariables unset = new UnsetVariables(plan, runnerEnvironment);
    for (String name : used) {
      TaskNote note = plan.notes().get(name);
      if (note != null) {
        Secrets.registerResolved(note.options(), runnerEnvironment, masker);
        errors.addAll(prepareOne(plan, note));
        for (Diagnostic warning : unset.inOptions(note)) {
          warnings.add(warning.toString());
        }
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

  /**
   * Uses the statuses of earlier runs for {@code only_if_status_changed} from now on, and saves
   * this run's into them on {@link #close}; call it before the first delivery. Its problem (a state
   * file that could not be read) is the caller's to report.
   */
  public void useHistory(StatusHistory earlier) {
    history = Optional.of(earlier);
  }

  /** What the user should know that does not stop the run: plugin problems, unused notes. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Registers the job's note's secret options before the job runs, so its own output is masked, and
   * tells a note that reports starts (a ping service) before the first attempt. Notes with
   * conditions hear no start: their conditions are about the result.
   */
  @Override
  public void jobStarting(TaskJob job, Map<String, String> environment) {
    Optional<String> noteName = job.note();
    PreparedNote note = noteName.isPresent() ? prepared.get(noteName.get()) : null;
    if (note == null) {
      return; // no note, or an unprepared one, which deliver reports
    }
    Secrets.registerResolved(note.plan().options(), environment, masker);
    if (!note.hearsStarts()
        || !note.plan().conditions().isEmpty()
        || !UnsetVariables.missing(note.plan().options(), environment).isEmpty()) {
      return;
    }
    NoteOptions options = substituted(note, environment);
    NoteContext context = context(noteName.get(), environment);
    PluginCall start =
        new PluginCall() {
          @Override
          public void run() throws NoteException {
            note.instance().started(options, job.name(), context);
          }
        };
    Optional<String> failure = call(note, options, " at the job's start", start);
    if (failure.isPresent()) {
      startFailures.put(job.name(), failure.get());
    }
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

  private Optional<String> deliverResult(
      TaskJob job, JobResult result, Map<String, String> environment) {
    Optional<String> noteName = job.note();
    Optional<StatusHistory> statuses = history;
    boolean changed = true;
    if (statuses.isPresent()) {
      changed = statuses.get().changed(job.name(), result.status());
      statuses.get().record(job.name(), result.status());
    }
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
    Map<String, Set<String>> missing = UnsetVariables.missing(note.plan().options(), environment);
    if (!missing.isEmpty()) {
      return failure(note, unset(missing));
    }
    NoteOptions options = substituted(note, environment);
    NoteContext context = context(noteName.get(), environment);
    PluginCall send =
        new PluginCall() {
          @Override
          public void run() throws NoteException {
            note.instance().send(options, result, context);
          }
        };
    return call(note, options, "", send);
  }

  /** The note's options with the job's environment substituted, their secrets registered. */
  private NoteOptions substituted(PreparedNote note, Map<String, String> environment) {
    Map<String, Object> options = Secrets.substitute(note.plan().options(), environment);
    Secrets.register(options, masker);
    return new NoteOptions(options);
  }

  private NoteContext context(String noteName, Map<String, String> environment) {
    return NoteContext.builder(noteName)
        .hostName(HostName.current())
        .runUrl(NoteContext.gitHubRunUrl(environment))
        .environment(environment)
        .console(console)
        .build();
  }

  /** What a note's plugin code does: send a result, or hear a start. */
  private interface PluginCall {
    void run() throws NoteException;
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
    Note instance;
    ClassLoader loader;
    List<OptionProblem> problems;
    NoteOptions options = new NoteOptions(note.options());
    try {
      instance = registry.create(noteClass);
      loader = registry.classLoader(noteClass);
      problems = validate(instance, loader, options);
    } catch (NoteException e) {
      debugTrace(note, e);
      return List.of(plan.diagnostic(classNameKey(note), masker.mask(e.getMessage())));
    } catch (Throwable e) {
      // Plugin code may throw anything, an Error too: the note fails validation, the run goes on.
      debugTrace(note, e);
      String why =
          "note class '"
              + noteClass.className()
              + "' of plugin "
              + noteClass.origin()
              + " threw "
              + e
              + " while checking its options";
      return List.of(plan.diagnostic(classNameKey(note), masker.mask(why)));
    }
    if (!anyAbout(problems, NoteOptions.TIMEOUT)) {
      problems =
          concat(problems, options.check().optionalPositiveNumber(NoteOptions.TIMEOUT).problems());
    }
    if (!problems.isEmpty()) {
      return diagnostics(plan, note, problems);
    }
    prepared.put(note.name(), new PreparedNote(note, noteClass, instance, loader));
    return List.of();
  }

  /** The plugin's own check of the options, run with its class loader as context loader. */
  private static List<OptionProblem> validate(
      Note instance, ClassLoader loader, NoteOptions options) {
    return ContextClassLoader.call(
        loader,
        new ContextClassLoader.Action<List<OptionProblem>, RuntimeException>() {
          @Override
          public List<OptionProblem> run() {
            return instance.validate(options);
          }
        });
  }

  /** True when one of the problems is about option {@code key}. */
  private static boolean anyAbout(List<OptionProblem> problems, String key) {
    for (OptionProblem problem : problems) {
      if (problem.key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** The note's option problems, each located at its option in the plan. */
  private List<Diagnostic> diagnostics(TaskPlan plan, TaskNote note, List<OptionProblem> problems) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (OptionProblem p : problems) {
      diagnostics.add(
          plan.diagnostic("notes." + note.name() + "." + p.key(), masker.mask(p.message())));
    }
    return diagnostics;
  }

  /**
   * Runs plugin code on a sender thread within the note's time limit; {@code when} is added to a
   * failure's message (e.g. " at the job's start").
   */
  private Optional<String> call(
      PreparedNote note, NoteOptions options, String when, PluginCall pluginCall) {
    Future<Object> call = sender.submit(new OnSender(note.loader(), pluginCall));
    Duration limit = timeLimit(options);
    try {
      call.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (TimeoutException e) {
      call.cancel(true);
      return failure(
          note,
          when,
          "it did not finish within "
              + DurationText.of(limit)
              + " and was abandoned (the note's 'timeout' option sets this limit)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      debugTrace(note.plan(), cause);
      // Anything but a NoteException is a bug of the plugin: name it, so its author can be told.
      return failure(
          note,
          when,
          cause instanceof NoteException
              ? cause.getMessage()
              : "plugin " + note.noteClass().origin() + " threw " + cause);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return failure(note, when, "the run was interrupted while it was sending");
    }
  }

  /** With {@code --debug}: the plugin's stack trace, secrets masked, for its author. */
  private void debugTrace(TaskNote note, Throwable thrown) {
    // The logger is fetched only when a note failed: a run that logs nothing never starts the
    // logging framework (30 ms).
    Logger log = LoggerFactory.getLogger(NoteDispatcher.class);
    if (log.isDebugEnabled()) {
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      log.debug(
          "note '{}' ({}) threw:\n{}",
          note.name(),
          note.className(),
          masker.mask(trace.toString()));
    }
  }

  /** The note's {@code timeout} option, else the dispatcher's default. */
  private Duration timeLimit(NoteOptions options) {
    Optional<Double> seconds = options.number(NoteOptions.TIMEOUT);
    if (seconds.isPresent() && seconds.get() > 0) {
      return Duration.ofMillis(Math.max(1, Math.round(seconds.get() * 1000)));
    }
    return sendTimeout;
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private Optional<String> failure(PreparedNote note, String why) {
    return failure(note, "", why);
  }

  private Optional<String> failure(PreparedNote note, String when, String why) {
    String message =
        "note '"
            + note.plan().name()
            + "' ("
            + note.plan().className()
            + ") failed"
            + when
            + ": "
            + why;
    return Optional.of(masker.mask(message));
  }

  private static String unset(Map<String, Set<String>> missing) {
    List<String> parts = new ArrayList<>();
    missing.forEach(
        (key, names) -> parts.add("option " + key + " uses $" + String.join(", $", names)));
    return String.join("; ", parts)
        + ", not set in the job's environment; set it in the runner's environment or in the"
        + " job's env";
  }

  private String unknownClass(String className) {
    // Declared names (SimpleFileLog) and simple class names, either of which class_name may be.
    List<String> names =
        registry.classes().stream()
            .flatMap(
                c -> Stream.concat(Stream.of(c.simpleName()), registry.declaredName(c).stream()))
            .distinct()
            .sorted()
            .toList();
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
      // The problems themselves are printed once, as warnings, before this error.
      message.append(" (see the plugin warnings above)");
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

  private static String classNameKey(TaskNote note) {
    return "notes." + note.name() + ".class_name";
  }

  /** A note ready to send: its plan entry, its class, the plugin's instance and class loader. */
  private record PreparedNote(
      TaskNote plan, NoteClass noteClass, Note instance, ClassLoader loader, boolean hearsStarts) {

    PreparedNote(TaskNote plan, NoteClass noteClass, Note instance, ClassLoader loader) {
      this(plan, noteClass, instance, loader, NoteDispatcher.hearsStarts(instance));
    }
  }

  /**
   * Whether the note's class overrides {@link Note#started}: the default does nothing, and calling
   * it cost every job a hand-over to the sender thread and back before it could start.
   */
  static boolean hearsStarts(Note note) {
    try {
      return note.getClass()
              .getMethod("started", NoteOptions.class, String.class, NoteContext.class)
              .getDeclaringClass()
          != Note.class;
    } catch (NoSuchMethodException e) {
      return true; // cannot tell: it is called
    }
  }

  /** A plugin call as a sender thread runs it: with the plugin's class loader as context loader. */
  private static final class OnSender
      implements Callable<Object>, ContextClassLoader.Action<Object, NoteException> {
    private final ClassLoader loader;
    private final PluginCall pluginCall;

    OnSender(ClassLoader loader, PluginCall pluginCall) {
      this.loader = loader;
      this.pluginCall = pluginCall;
    }

    @Override
    public Object call() throws NoteException {
      return ContextClassLoader.call(loader, this);
    }

    @Override
    public Object run() throws NoteException {
      pluginCall.run();
      return null;
    }
  }
}
