package dev.oxtask.core.plugin;

import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The note classes found in the plugins folder, loaded with pf4j's {@link JarPluginManager}. Only
 * the JARs' descriptors and indexes are read up front; a note class is loaded and instantiated the
 * first time a plan uses it. A broken plugin becomes a warning and the others keep working.
 */
public final class NoteRegistry implements AutoCloseable {

  private final PluginsFolder folder;
  private final PluginManager manager;
  private final List<NoteClass> classes;
  private final List<String> warnings;
  private final Map<NoteClass, Note> instances = new ConcurrentHashMap<>();

  private NoteRegistry(
      PluginsFolder folder, PluginManager manager, List<NoteClass> classes, List<String> warnings) {
    this.folder = folder;
    this.manager = manager;
    this.classes = List.copyOf(classes);
    this.warnings = List.copyOf(warnings);
  }

  /** Loads and starts every plugin JAR in {@code folder}; a missing folder gives no notes. */
  public static NoteRegistry load(PluginsFolder folder) {
    JarPluginManager manager = new JarPluginManager(folder.path());
    manager.setSystemVersion(CoreVersion.current());
    List<String> warnings = new ArrayList<>();
    Map<String, PluginJarFile> read = new HashMap<>();
    for (Path jar : jarsIn(folder.path())) {
      loadOne(manager, jar, read, warnings);
    }
    manager.startPlugins();
    List<NoteClass> classes = new ArrayList<>();
    List<PluginWrapper> plugins = new ArrayList<>(manager.getPlugins());
    plugins.sort(Comparator.comparing(PluginWrapper::getPluginPath));
    for (PluginWrapper plugin : plugins) {
      String id = plugin.getPluginId();
      Path jar = plugin.getPluginPath();
      if (plugin.getPluginState() != PluginState.STARTED) {
        warnings.add(notStarted(manager, plugin));
      } else if (read.get(id).classNames().isEmpty()) {
        warnings.add(
            "plugin '"
                + id
                + "' ("
                + jar
                + ") declares no note class: its JAR has no "
                + PluginJarFile.EXTENSIONS_INDEX
                + "; build it with pf4j's annotation processor (see plugins/README.md)");
      } else {
        String version = plugin.getDescriptor().getVersion();
        read.get(id).classNames().forEach(c -> classes.add(new NoteClass(c, id, version, jar)));
      }
    }
    warnings.addAll(sharedSimpleNames(classes));
    return new NoteRegistry(folder, manager, classes, warnings);
  }

  /** The folder searched. */
  public PluginsFolder folder() {
    return folder;
  }

  /** Every note class the started plugins declare, in JAR order. */
  public List<NoteClass> classes() {
    return classes;
  }

  /** What went wrong with the folder's plugins, one sentence each. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The classes a plan's {@code class_name} names: by fully qualified name, else by simple class
   * name, else by declared {@link Note#name()} (only this last step instantiates notes). More than
   * one match means the name is ambiguous.
   */
  public List<NoteClass> matching(String className) {
    List<NoteClass> byFullName = filter(c -> c.className().equals(className));
    if (!byFullName.isEmpty()) {
      return byFullName;
    }
    List<NoteClass> bySimpleName = filter(c -> c.simpleName().equals(className));
    if (!bySimpleName.isEmpty()) {
      return bySimpleName;
    }
    return filter(c -> declaredName(c).filter(className::equals).isPresent());
  }

  /** The one class {@code className} names, if exactly one matches. */
  public Optional<NoteClass> find(String className) {
    List<NoteClass> found = matching(className);
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /** The declared name of a note class, when it can be created. */
  public Optional<String> declaredName(NoteClass noteClass) {
    try {
      Note note = create(noteClass);
      return Optional.ofNullable(
          ContextClassLoader.call(classLoader(noteClass), () -> note.name()));
    } catch (NoteException | RuntimeException | LinkageError e) {
      // Listed without a name; using it in a plan reports why it cannot be created.
      return Optional.empty();
    }
  }

  /** The class loader of the plugin that holds {@code noteClass}. */
  public ClassLoader classLoader(NoteClass noteClass) {
    return manager.getPluginClassLoader(noteClass.pluginId());
  }

  /**
   * The note instance for {@code noteClass}, created on first use from the plugin's own JAR.
   *
   * @throws NoteException when the class cannot be loaded or instantiated
   */
  public Note create(NoteClass noteClass) throws NoteException {
    Note existing = instances.get(noteClass);
    if (existing != null) {
      return existing;
    }
    ClassLoader loader = classLoader(noteClass);
    try {
      Note created = ContextClassLoader.call(loader, () -> instantiate(noteClass, loader));
      Note raced = instances.putIfAbsent(noteClass, created);
      return raced != null ? raced : created;
    } catch (RuntimeException | LinkageError e) {
      throw new NoteException(
          "note class '"
              + noteClass.className()
              + "' in "
              + noteClass.jar()
              + " could not be created: "
              + e,
          e);
    }
  }

  private static Note instantiate(NoteClass noteClass, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(noteClass.className(), true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "its JAR lists it in " + PluginJarFile.EXTENSIONS_INDEX + " but does not contain it");
    }
    if (type.getClassLoader() != loader) {
      throw new IllegalStateException(
          "the class is not inside the plugin JAR (it came from "
              + type.getClassLoader()
              + "); a plugin JAR must contain its note classes");
    }
    if (!Note.class.isAssignableFrom(type)) {
      throw new IllegalStateException("it does not implement " + Note.class.getName());
    }
    try {
      return (Note) type.getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("its constructor threw " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("it needs a public constructor without arguments: " + e);
    }
  }

  /** Stops the plugins and closes their class loaders. */
  @Override
  public void close() {
    manager.stopPlugins();
    manager.unloadPlugins();
  }

  private List<NoteClass> filter(Predicate<NoteClass> test) {
    return classes.stream().filter(test).toList();
  }

  private static List<Path> jarsIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list plugins folder " + folder, e);
    }
  }

  private static void loadOne(
      PluginManager manager, Path jar, Map<String, PluginJarFile> read, List<String> warnings) {
    PluginJarFile file;
    try {
      file = PluginJarFile.read(jar);
    } catch (IOException e) {
      warnings.add(
          "skipped "
              + jar
              + ": not a readable JAR file ("
              + e.getMessage()
              + "); replace or remove it");
      return;
    }
    if (file.id().isEmpty() || file.version().isEmpty()) {
      warnings.add(
          "skipped "
              + jar
              + ": it is not an ox-task plugin (its MANIFEST.MF needs Plugin-Id and Plugin-Version;"
              + " see plugins/README.md)");
      return;
    }
    String id = file.id().get();
    PluginWrapper loaded = manager.getPlugin(id);
    if (loaded != null) {
      warnings.add(
          "skipped "
              + jar
              + ": plugin id '"
              + id
              + "' is already loaded from "
              + loaded.getPluginPath()
              + "; remove one of the two JARs");
      return;
    }
    try {
      manager.loadPlugin(jar);
      read.put(id, file);
    } catch (PluginRuntimeException | IllegalArgumentException e) {
      read.put(id, file);
      warnings.add("plugin '" + id + "' (" + jar + ") could not be loaded: " + e.getMessage());
    }
  }

  private static String notStarted(PluginManager manager, PluginWrapper plugin) {
    String requires = plugin.getDescriptor().getRequires().trim();
    String constraint = requires.matches("\\d+\\.\\d+\\.\\d+") ? ">=" + requires : requires;
    String version = manager.getSystemVersion();
    if (!manager.getVersionManager().checkVersionConstraint(version, constraint)) {
      return String.format(
          "skipped plugin '%s' (%s): it requires ox-task %s (its Plugin-Requires) and this is"
              + " ox-task %s; use a version of the plugin built for ox-task %s, or upgrade ox-task",
          plugin.getPluginId(), plugin.getPluginPath(), constraint, version, version);
    }
    Throwable failure = plugin.getFailedException();
    String why = failure != null ? "failed to start: " + failure : "is " + plugin.getPluginState();
    return "plugin '"
        + plugin.getPluginId()
        + "' ("
        + plugin.getPluginPath()
        + ") "
        + why
        + "; its notes are unavailable";
  }

  private static List<String> sharedSimpleNames(List<NoteClass> classes) {
    Map<String, List<NoteClass>> bySimpleName =
        classes.stream().collect(Collectors.groupingBy(NoteClass::simpleName));
    return bySimpleName.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .sorted(Map.Entry.comparingByKey())
        .map(
            e ->
                "note class name '"
                    + e.getKey()
                    + "' is declared by several plugins: "
                    + e.getValue().stream()
                        .map(c -> c.className() + " in " + c.origin())
                        .collect(Collectors.joining(", "))
                    + "; plans must use the fully qualified class name, or remove one JAR")
        .toList();
  }
}
