package dev.oxtask.core.plugin;

import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The note classes found in the plugins folder. The folder is read the first time it is asked
 * about, and only the JARs' descriptors and indexes are read then; a plugin is loaded and started
 * with pf4j's {@link JarPluginManager} the first time one of its notes is created, so a run whose
 * jobs use no note never starts pf4j. A broken plugin becomes a warning and the others keep
 * working.
 */
public final class NoteRegistry implements AutoCloseable {

  private static final String UNAVAILABLE = "; its notes are unavailable";

  private final PluginsFolder folder;
  private final Map<NoteClass, Note> instances = new ConcurrentHashMap<>();
  private final Map<String, String> failedPlugins = new ConcurrentHashMap<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private volatile Contents contents;
  private JarPluginManager manager;

  private final boolean startEveryPlugin;

  private NoteRegistry(PluginsFolder folder, boolean startEveryPlugin) {
    this.folder = folder;
    this.startEveryPlugin = startEveryPlugin;
  }

  /**
   * The plugins of {@code folder}, read on first use and started one by one as their notes are
   * created (the cheap way, for {@code run}); a missing folder gives no notes.
   */
  public static NoteRegistry open(PluginsFolder folder) {
    return new NoteRegistry(folder, false);
  }

  /**
   * The plugins of {@code folder}, every one started when the folder is first read, so {@link
   * #warnings()} names every plugin that cannot start ({@code ox_task plugins}, {@code validate}).
   */
  public static NoteRegistry load(PluginsFolder folder) {
    return new NoteRegistry(folder, true);
  }

  /** The folder searched. */
  public PluginsFolder folder() {
    return folder;
  }

  /** Every note class of the folder's plugins, in JAR order, but those whose plugin failed. */
  public List<NoteClass> classes() {
    List<NoteClass> available = new ArrayList<>();
    for (NoteClass c : contents().classes()) {
      if (!failedPlugins.containsKey(c.pluginId())) {
        available.add(c);
      }
    }
    return List.copyOf(available);
  }

  /** What went wrong with the folder's plugins, one sentence each. */
  public List<String> warnings() {
    List<String> all = new ArrayList<>(contents().warnings());
    all.addAll(failures);
    all.addAll(sharedSimpleNames(classes()));
    return List.copyOf(all);
  }

  /**
   * The classes a plan's {@code class_name} names: by fully qualified name, else by simple class
   * name, else by declared {@link Note#name()} (only this last step instantiates notes). More than
   * one match means the name is ambiguous.
   */
  public List<NoteClass> matching(String className) {
    List<NoteClass> classes = classes();
    List<NoteClass> byFullName = new ArrayList<>();
    List<NoteClass> bySimpleName = new ArrayList<>();
    for (NoteClass c : classes) {
      if (c.className().equals(className)) {
        byFullName.add(c);
      }
      if (c.simpleName().equals(className)) {
        bySimpleName.add(c);
      }
    }
    if (!byFullName.isEmpty()) {
      return List.copyOf(byFullName);
    }
    if (!bySimpleName.isEmpty()) {
      return List.copyOf(bySimpleName);
    }
    List<NoteClass> byDeclaredName = new ArrayList<>();
    for (NoteClass c : classes) {
      Optional<String> declared = declaredName(c);
      if (declared.isPresent() && declared.get().equals(className)) {
        byDeclaredName.add(c);
      }
    }
    return List.copyOf(byDeclaredName);
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
    } catch (Throwable e) {
      // Plugin code may throw anything: listed without a name; using it in a plan reports why.
      return Optional.empty();
    }
  }

  /**
   * The class loader of the plugin that holds {@code noteClass}, starting the plugin if needed.
   *
   * @throws IllegalStateException when the plugin cannot be loaded or started
   */
  public ClassLoader classLoader(NoteClass noteClass) {
    try {
      return startedLoader(noteClass.pluginId());
    } catch (NoteException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * The note instance for {@code noteClass}, created on first use from the plugin's own JAR.
   *
   * @throws NoteException when the plugin cannot start or the class cannot be instantiated
   */
  public Note create(NoteClass noteClass) throws NoteException {
    Note existing = instances.get(noteClass);
    if (existing != null) {
      return existing;
    }
    ClassLoader loader = startedLoader(noteClass.pluginId());
    try {
      Note created =
          ContextClassLoader.call(
              loader,
              new ContextClassLoader.Action<Note, RuntimeException>() {
                @Override
                public Note run() {
                  return instantiate(noteClass, loader);
                }
              });
      Note raced = instances.putIfAbsent(noteClass, created);
      return raced != null ? raced : created;
    } catch (Throwable e) {
      // A static initializer or constructor may throw anything, including an Error.
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

  /** Stops the plugins that were started and closes their class loaders. */
  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.stopPlugins();
      manager.unloadPlugins();
    }
  }

  private Contents contents() {
    Contents read = contents;
    if (read == null) {
      synchronized (this) {
        if (contents == null) {
          contents = Contents.read(folder);
          if (startEveryPlugin) {
            startEach(contents.plugins().keySet());
          }
        }
        read = contents;
      }
    }
    return read;
  }

  private void startEach(Collection<String> ids) {
    for (String id : ids) {
      try {
        startedLoader(id);
      } catch (NoteException e) {
        // Remembered as a warning; the other plugins still start.
      }
    }
  }

  /** Loads and starts plugin {@code id} once; its failure is remembered as a warning. */
  private synchronized ClassLoader startedLoader(String id) throws NoteException {
    String failure = failedPlugins.get(id);
    if (failure != null) {
      throw new NoteException(failure);
    }
    if (manager == null) {
      manager = new JarPluginManager(folder.path());
      manager.setSystemVersion(CoreVersion.current());
    }
    Path jar = contents().plugins().get(id).jar();
    PluginWrapper plugin = manager.getPlugin(id);
    if (plugin == null) {
      try {
        manager.loadPlugin(jar);
      } catch (PluginRuntimeException | IllegalArgumentException e) {
        return failed(
            id, "plugin '" + id + "' (" + jar + ") could not be loaded: " + e.getMessage());
      }
      plugin = manager.getPlugin(id);
    }
    if (plugin.getPluginState() != PluginState.STARTED) {
      try {
        manager.startPlugin(id);
      } catch (Throwable e) {
        // A plugin's start() is plugin code: whatever it throws only makes its notes unavailable.
        return failed(id, "plugin '" + id + "' (" + jar + ") failed to start: " + e + UNAVAILABLE);
      }
    }
    if (plugin.getPluginState() != PluginState.STARTED) {
      return failed(id, notStarted(manager, plugin));
    }
    return plugin.getPluginClassLoader();
  }

  private ClassLoader failed(String id, String warning) throws NoteException {
    failedPlugins.put(id, warning);
    failures.add(warning);
    throw new NoteException(warning);
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
        + UNAVAILABLE;
  }

  private static List<String> sharedSimpleNames(List<NoteClass> classes) {
    Map<String, List<NoteClass>> bySimpleName = new TreeMap<>();
    for (NoteClass c : classes) {
      List<NoteClass> named = bySimpleName.get(c.simpleName());
      if (named == null) {
        named = new ArrayList<>();
        bySimpleName.put(c.simpleName(), named);
      }
      named.add(c);
    }
    List<String> warnings = new ArrayList<>();
    for (Map.Entry<String, List<NoteClass>> e : bySimpleName.entrySet()) {
      if (e.getValue().size() > 1) {
        warnings.add(
            "note class name '"
                + e.getKey()
                + "' is declared by several plugins: "
                + whereEach(e.getValue())
                + "; plans must use the fully qualified class name, or remove one JAR");
      }
    }
    return warnings;
  }

  /** {@code a.B in plugin-a 1.0 (a.jar), c.B in plugin-c 1.0 (c.jar)}. */
  private static String whereEach(List<NoteClass> classes) {
    List<String> where = new ArrayList<>();
    for (NoteClass c : classes) {
      where.add(c.className() + " in " + c.origin());
    }
    return String.join(", ", where);
  }

  /** A plugin JAR that declares an id: where it is and what it declares. */
  private record PluginJar(Path jar, PluginJarFile file) {}

  /**
   * What the folder's JARs declare, read without pf4j: the plugins by id in JAR order, their note
   * classes and the problems found.
   */
  private record Contents(
      Map<String, PluginJar> plugins, List<NoteClass> classes, List<String> warnings) {

    static Contents read(PluginsFolder folder) {
      Map<String, PluginJar> plugins = new LinkedHashMap<>();
      List<NoteClass> classes = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      for (Path jar : jarsIn(folder, warnings)) {
        Optional<PluginJar> plugin = readOne(jar, plugins, warnings);
        if (plugin.isPresent()) {
          PluginJarFile file = plugin.get().file();
          for (String className : file.classNames()) {
            classes.add(
                new NoteClass(
                    className, file.id().orElseThrow(), file.version().orElseThrow(), jar));
          }
        }
      }
      return new Contents(
          Collections.unmodifiableMap(plugins), List.copyOf(classes), List.copyOf(warnings));
    }

    private static List<Path> jarsIn(PluginsFolder folder, List<String> warnings) {
      Path path = folder.path();
      if (!Files.isDirectory(path)) {
        return List.of();
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
        List<Path> jars = new ArrayList<>();
        for (Path file : files) {
          if (file.getFileName().toString().endsWith(".jar")) {
            jars.add(file);
          }
        }
        Collections.sort(jars);
        return jars;
      } catch (IOException e) {
        warnings.add(
            "cannot read the plugins folder "
                + path
                + " ("
                + folder.origin()
                + "): "
                + e
                + "; no notes are available; make it readable, or point --plugins-dir or $"
                + PluginsFolder.ENV_VARIABLE
                + " at another folder");
        return List.of();
      }
    }

    private static Optional<PluginJar> readOne(
        Path jar, Map<String, PluginJar> plugins, List<String> warnings) {
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
        return Optional.empty();
      }
      if (file.id().isEmpty() || file.version().isEmpty()) {
        warnings.add(
            "skipped "
                + jar
                + ": it is not an ox-task plugin (its MANIFEST.MF needs Plugin-Id and"
                + " Plugin-Version; see plugins/README.md)");
        return Optional.empty();
      }
      String id = file.id().get();
      PluginJar loaded = plugins.get(id);
      if (loaded != null) {
        warnings.add(
            "skipped "
                + jar
                + ": plugin id '"
                + id
                + "' is already loaded from "
                + loaded.jar()
                + "; remove one of the two JARs");
        return Optional.empty();
      }
      PluginJar plugin = new PluginJar(jar, file);
      plugins.put(id, plugin);
      if (file.classNames().isEmpty()) {
        warnings.add(
            "plugin '"
                + id
                + "' ("
                + jar
                + ") declares no note class: its JAR has no "
                + PluginJarFile.EXTENSIONS_INDEX
                + "; build it with pf4j's annotation processor (see plugins/README.md)");
      }
      return Optional.of(plugin);
    }
  }
}
