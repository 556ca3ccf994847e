package dev.oxtask.core.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A note class a plugin JAR declares in its {@code META-INF/extensions.idx}, not yet loaded.
 *
 * @param className the fully qualified class name
 * @param pluginId the plugin's {@code Plugin-Id}
 * @param pluginVersion the plugin's {@code Plugin-Version}
 * @param jar the plugin JAR
 */
public record NoteClass(String className, String pluginId, String pluginVersion, Path jar) {

  public NoteClass {
    requireNonNull(className, "className");
    requireNonNull(pluginId, "pluginId");
    requireNonNull(pluginVersion, "pluginVersion");
    requireNonNull(jar, "jar");
  }

  // equals and hashCode written out: a record's generated ones are built from method handles at
  // their first call, which made the JVM generate a dozen classes (about 10 ms) in every run that
  // sends a note, outside the class-data archive.
  @Override
  public boolean equals(Object other) {
    return other instanceof NoteClass that
        && className.equals(that.className)
        && pluginId.equals(that.pluginId)
        && pluginVersion.equals(that.pluginVersion)
        && jar.equals(that.jar);
  }

  @Override
  public int hashCode() {
    return Objects.hash(className, pluginId, pluginVersion, jar);
  }

  /** The class name without its package, e.g. {@code SimpleFileLog}. */
  public String simpleName() {
    String afterPackage = className.substring(className.lastIndexOf('.') + 1);
    return afterPackage.substring(afterPackage.lastIndexOf('$') + 1);
  }

  /** {@code plugin-id 1.0 (file.jar)}, for messages. */
  public String origin() {
    return pluginId + " " + pluginVersion + " (" + jar.getFileName() + ")";
  }
}
