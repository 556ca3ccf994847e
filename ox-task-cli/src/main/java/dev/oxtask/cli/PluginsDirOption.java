package dev.oxtask.cli;

import dev.oxtask.core.plugin.PluginsFolder;
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

  /** The folder to load plugins from (spec section 6). */
  PluginsFolder folder() {
    return PluginsFolder.resolve(Optional.ofNullable(pluginsDir));
  }
}
