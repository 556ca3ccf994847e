package dev.oxtask.core.testing;

import dev.oxtask.core.note.Note;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.pf4j.Extension;

/**
 * Writes a real pf4j plugin JAR for tests: compiles Java sources with the JDK's compiler against
 * ox-task-core and pf4j, then zips the classes with a MANIFEST ({@code Plugin-Id}, {@code
 * Plugin-Version}, optionally {@code Plugin-Class}) and a {@code META-INF/extensions.idx}.
 */
public final class PluginJarBuilder {

  private final Optional<String> pluginId;
  private final String version;
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<String> extensions = new ArrayList<>();
  private Optional<String> pluginClass = Optional.empty();
  private Optional<String> requires = Optional.empty();

  private PluginJarBuilder(Optional<String> pluginId, String version) {
    this.pluginId = pluginId;
    this.version = version;
  }

  /** A plugin with this id and version. */
  public static PluginJarBuilder plugin(String pluginId, String version) {
    return new PluginJarBuilder(Optional.of(pluginId), version);
  }

  /** A JAR with classes and an index but no pf4j descriptor in its MANIFEST. */
  public static PluginJarBuilder withoutDescriptor() {
    return new PluginJarBuilder(Optional.empty(), "");
  }

  /** Adds a note class, listed in the extension index. */
  public PluginJarBuilder note(String className, String source) {
    sources.put(className, source);
    extensions.add(className);
    return this;
  }

  /** Adds a class that is not an extension. */
  public PluginJarBuilder type(String className, String source) {
    sources.put(className, source);
    return this;
  }

  /** Names the plugin's {@code org.pf4j.Plugin} subclass ({@code Plugin-Class}). */
  public PluginJarBuilder pluginClass(String className, String source) {
    sources.put(className, source);
    pluginClass = Optional.of(className);
    return this;
  }

  /** Sets the ox-task versions the plugin works with ({@code Plugin-Requires}). */
  public PluginJarBuilder requires(String versions) {
    requires = Optional.of(versions);
    return this;
  }

  /** Compiles the sources and writes {@code folder/fileName}; returns the JAR. */
  public Path writeTo(Path folder, String fileName) {
    try {
      Path work = Files.createTempDirectory("plugin-jar-");
      Path classes = compile(work);
      Path jar = folder.resolve(fileName);
      Files.createDirectories(folder);
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest())) {
        if (!extensions.isEmpty()) {
          put(out, "META-INF/extensions.idx", String.join("\n", extensions) + "\n");
        }
        try (Stream<Path> files = Files.walk(classes)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            String name = classes.relativize(file).toString().replace('\\', '/');
            out.putNextEntry(new JarEntry(name));
            Files.copy(file, out);
            out.closeEntry();
          }
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path compile(Path work) throws IOException {
    Path classes = Files.createDirectories(work.resolve("classes"));
    compile(sources, classes, Note.class, Extension.class);
    return classes;
  }

  /**
   * Compiles {@code sources} (class name to source) into {@code classes}, against the JARs or
   * folders that hold {@code classPathOf}.
   *
   * @throws IllegalStateException with the compiler's messages when they do not compile
   */
  public static void compile(Map<String, String> sources, Path classes, Class<?>... classPathOf)
      throws IOException {
    Path src = Files.createTempDirectory("plugin-src-");
    List<String> classPath = new ArrayList<>();
    for (Class<?> type : classPathOf) {
      classPath.add(locationOf(type));
    }
    List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString()));
    args.addAll(List.of("-classpath", String.join(java.io.File.pathSeparator, classPath)));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    OutputStream discard = OutputStream.nullOutputStream();
    int exit = javac.run(null, discard, new WriterStream(errors), args.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException("the test plugin's sources do not compile:\n" + errors);
    }
  }

  private Manifest manifest() {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    pluginId.ifPresent(id -> main.putValue("Plugin-Id", id));
    pluginId.ifPresent(id -> main.putValue("Plugin-Version", version));
    pluginClass.ifPresent(c -> main.putValue("Plugin-Class", c));
    requires.ifPresent(r -> main.putValue("Plugin-Requires", r));
    return manifest;
  }

  private static void put(JarOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }

  private static String locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Collects the compiler's messages for the failure message. */
  private static final class WriterStream extends OutputStream {
    private final StringWriter target;

    WriterStream(StringWriter target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      target.write(b);
    }
  }
}
