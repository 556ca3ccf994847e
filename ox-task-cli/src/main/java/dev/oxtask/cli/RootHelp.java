package dev.oxtask.cli;

import java.util.List;
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
    Command root = OxTaskCommand.class.getAnnotation(Command.class);
    return "Usage: "
        + root.name()
        + " [-hV] [COMMAND]\n"
        + String.join("\n", root.description())
        + "\n"
        + "  -h, --help      Show this help message and exit.\n"
        + "  -V, --version   Print version information and exit.\n"
        + "Commands:\n"
        + commandList();
  }

  /**
   * One entry per subcommand: its name in a column as wide as the longest, then the first line of
   * its header or description, wrapped at spaces before column 80.
   */
  static String commandList() {
    List<Command> commands =
        OxTaskCommand.SUBCOMMANDS.stream().map(c -> c.getAnnotation(Command.class)).toList();
    int nameWidth = commands.stream().mapToInt(c -> c.name().length()).max().orElse(0);
    StringBuilder list = new StringBuilder();
    for (Command command : commands) {
      String name = "  " + command.name() + " ".repeat(nameWidth - command.name().length() + 2);
      String[] summary = command.header().length > 0 ? command.header() : command.description();
      wrap(list, name, summary.length > 0 ? summary[0] : "", name.length() + 2);
    }
    return list.toString();
  }

  private static void wrap(StringBuilder out, String start, String text, int indent) {
    StringBuilder line = new StringBuilder(start);
    int lineStart = line.length();
    for (String word : text.split(" ")) {
      if (line.length() > lineStart && line.length() + 1 + word.length() > WIDTH) {
        out.append(line).append('\n');
        line = new StringBuilder(" ".repeat(indent));
        lineStart = line.length();
      } else if (line.length() > lineStart) {
        line.append(' ');
      }
      line.append(word);
    }
    out.append(line).append('\n');
  }
}
