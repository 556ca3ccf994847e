package dev.oxtask.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts {@link Main} in a JVM of its own, on these tests' class path. */
final class MainProcess {

  private MainProcess() {}

  /** {@code java -cp <class path> dev.oxtask.cli.Main args...}, in a list the caller may extend. */
  static List<String> command(String... args) {
    return command(List.of(), args);
  }

  /** Like {@link #command(String...)}, with {@code jvmOptions} before the class path. */
  static List<String> command(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return command;
  }
}
