package dev.oxtask.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code ox_task --help}, written from the commands' annotations without building picocli's command
 * tree, which would read every subcommand's options by reflection. picocli renders the command list
 * with {@link #commandList} too (see {@link Main#commandLine}), so the root help reads the same
 * whichever way it is asked for.
 */
final class RootHelp {

  private static final int WIDTH = 79;

  private RootHelp() {}

  /** The whole root help. */
  static String text() {
    // StringBuilder rather than + and no streams: each string concatenation and lambda shape
    // costs the JVM a generated class the first time, a fifth of this command's run.
    Summary root = Summary.of(OxTaskCommand.class);
    StringBuilder help = new StringBuilder("Usage: ").append(root.name());
    help.append(" [-hV] [COMMAND]\n");
    for (String line : root.description()) {
      help.append(line).append('\n');
    }
    help.append("  -h, --help      Show this help message and exit.\n");
    help.append("  -V, --version   Print version information and exit.\n");
    help.append("Commands:\n");
    return help.append(commandList()).toString();
  }

  /**
   * One entry per subcommand: its name in a column as wide as the longest, then the first line of
   * its header or description, wrapped at spaces before column 80.
   */
  static String commandList() {
    List<Summary> commands = new ArrayList<>();
    int nameWidth = 0;
    for (Class<?> type : OxTaskCommand.subcommands()) {
      Summary command = Summary.of(type);
      commands.add(command);
      nameWidth = Math.max(nameWidth, command.name().length());
    }
    StringBuilder list = new StringBuilder();
    for (Summary command : commands) {
      StringBuilder name = new StringBuilder("  ").append(command.name());
      name.append(" ".repeat(nameWidth - command.name().length() + 2));
      List<String> summary = command.header().isEmpty() ? command.description() : command.header();
      wrap(list, name, summary.isEmpty() ? "" : summary.get(0), name.length() + 2);
    }
    return list.toString();
  }

  /**
   * What help shows of a command, from its {@code @Command}: read from its class file, which spares
   * this short command picocli's annotation types and a proxy class per type; by reflection when
   * the class file cannot be read.
   */
  private record Summary(String name, List<String> header, List<String> description) {

    static Summary of(Class<?> type) {
      Optional<ClassFileAnnotations.Annotation> read = Optional.empty();
      Optional<ClassFileAnnotations> classFile = ClassFileAnnotations.of(type);
      if (classFile.isPresent()) {
        for (ClassFileAnnotations.Annotation annotation : classFile.get().annotations()) {
          if (annotation.type().equals(Command.class.getName())) {
            read = Optional.of(annotation);
          }
        }
      }
      if (read.isPresent()) {
        return new Summary(
            read.get().string("name", ""),
            read.get().strings("header"),
            read.get().strings("description"));
      }
      Command command = type.getAnnotation(Command.class);
      return new Summary(command.name(), List.of(command.header()), List.of(command.description()));
    }
  }

  private static void wrap(StringBuilder out, StringBuilder line, String text, int indent) {
    int lineStart = line.length();
    for (String word : text.split(" ")) {
      if (line.length() > lineStart && line.length() + 1 + word.length() > WIDTH) {
        out.append(line).append('\n');
        line.setLength(0);
        line.append(" ".repeat(indent));
        lineStart = line.length();
      } else if (line.length() > lineStart) {
        line.append(' ');
      }
      line.append(word);
    }
    out.append(line).append('\n');
  }
}
