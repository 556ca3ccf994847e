package dev.oxtask.core.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The folder note plugins are loaded from (spec section 6): {@code --plugins-dir}, else {@code
 * $OX_TASK_PLUGINS_DIR}, else {@code <install home>/plugins}, else {@code ./plugins}.
 *
 * @param path the folder, absolute
 * @param origin how it was chosen, for messages ({@code --plugins-dir}, {@code
 *     $OX_TASK_PLUGINS_DIR}, ...)
 */
public record PluginsFolder(Path path, String origin) {

  /** The environment variable that names the plugins folder. */
  public static final String ENV_VARIABLE = "OX_TASK_PLUGINS_DIR";

  /** The system property the launcher sets to the install root. */
  public static final String HOME_PROPERTY = "ox_task.home";

  public PluginsFolder {
    requireNonNull(path, "path");
    requireNonNull(origin, "origin");
  }

  /**
   * Resolves the folder from an explicit {@code --plugins-dir}, the environment and the install
   * home, in that order; blank values count as unset. Relative paths are read from the current
   * directory.
   */
  public static PluginsFolder resolve(
      Optional<Path> option, Map<String, String> environment, Optional<String> home) {
    return resolve(option, environment, home, Path.of(""));
  }

  /** Like {@link #resolve(Optional, Map, Optional)}, reading relative paths from {@code base}. */
  public static PluginsFolder resolve(
      Optional<Path> option, Map<String, String> environment, Optional<String> home, Path base) {
    if (option.isPresent()) {
      return new PluginsFolder(absolute(base, option.get()), "--plugins-dir");
    }
    String fromEnv = environment.get(ENV_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new PluginsFolder(absolute(base, Path.of(fromEnv)), "$" + ENV_VARIABLE);
    }
    if (home.isPresent() && !home.get().isBlank()) {
      return new PluginsFolder(
          absolute(base, Path.of(home.get()).resolve("plugins")),
          "the install home (" + HOME_PROPERTY + ")");
    }
    return new PluginsFolder(absolute(base, Path.of("plugins")), "the current directory");
  }

  private static Path absolute(Path base, Path path) {
    return base.resolve(path).toAbsolutePath().normalize();
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
