package dev.oxtask.cli;

import dev.oxtask.core.plugin.PluginsFolder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What one {@code ox_task} command line runs in, decided once by {@link Main} so that no command
 * reads {@code System.getenv()}, {@code System.console()} or the current directory itself (a test
 * gives its own).
 *
 * @param out where results go (stdout)
 * @param err where problems and warnings go (stderr)
 * @param environment the runner's environment, the start of every job's
 * @param workingDir the directory the command was started in, absolute: what "the current
 *     directory" means for defaults such as {@code --root}
 * @param terminal whether {@code out} is a terminal (colour, a live status line)
 * @param installHome the installation folder the launcher names ({@code -Dox_task.home}), if any
 */
record Invocation(
    PrintStream out,
    PrintStream err,
    Map<String, String> environment,
    Path workingDir,
    boolean terminal,
    Optional<String> installHome) {

  Invocation {
    environment = Map.copyOf(environment);
    workingDir = workingDir.toAbsolutePath().normalize();
  }

  /** This process's: its environment, current directory, console and install home. */
  static Invocation ofProcess(PrintStream out, PrintStream err) {
    return of(out, err, System.getenv(), System.console() != null);
  }

  /** This process's current directory and install home, with the rest given. */
  static Invocation of(
      PrintStream out, PrintStream err, Map<String, String> environment, boolean terminal) {
    return new Invocation(
        out,
        err,
        environment,
        Path.of(""),
        terminal,
        Optional.ofNullable(System.getProperty(PluginsFolder.HOME_PROPERTY)));
  }

  /** Prints a warning the way every command does: {@code warning: <sentence>} on stderr. */
  void warn(String warning) {
    err.println("warning: " + warning);
  }

  /** {@link #warn}, as the core's runner takes it. */
  Consumer<String> warnings() {
    return new Consumer<>() {
      @Override
      public void accept(String warning) {
        warn(warning);
      }
    };
  }

  /** A process of {@code command} with the invocation's environment (and nothing else). */
  ProcessBuilder process(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder;
  }

  /**
   * The plugins folder (spec section 6): {@code --plugins-dir} when given, else {@code
   * $OX_TASK_PLUGINS_DIR}, else the install's, else {@code plugins} in the working directory.
   */
  PluginsFolder pluginsFolder(Path option) {
    return PluginsFolder.resolve(Optional.ofNullable(option), environment, installHome, workingDir);
  }
}
