package dev.oxtask.cli;

import dev.oxtask.core.plugin.PluginsFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --plugins-dir DIR}, shared by {@code run}, {@code validate} and {@code plugins}. */
final class PluginsDirOption {

  @Option(
      names = "--plugins-dir",
      paramLabel = "DIR",
      description =
          "Folder of note plugin JARs (default: $OX_TASK_PLUGINS_DIR, else the install's plugins"
              + " folder, else plugins in the current directory).")
  Path pluginsDir;

  /** Why {@code --plugins-dir} can't be used: it names no folder; empty when fine or not given. */
  Optional<String> problem() {
    return problem(pluginsDir);
  }

  /** Like {@link #problem()}, for a command that has its own {@code --plugins-dir} field. */
  static Optional<String> problem(Path pluginsDir) {
    if (pluginsDir == null || Files.isDirectory(pluginsDir)) {
      return Optional.empty();
    }
    return Optional.of(
        "ox_task: --plugins-dir "
            + pluginsDir
            + (Files.exists(pluginsDir) ? " is not a folder" : " does not exist")
            + "; give the folder that holds the note plugin JARs");
  }

  /** The folder to load plugins from (spec section 6). */
  PluginsFolder folder(Invocation context) {
    return context.pluginsFolder(pluginsDir);
  }
}
