package dev.oxtask.cli;

import dev.oxtask.cli.CommandDeclaration.Member;
import dev.oxtask.cli.CommandDeclaration.OptionField;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declarations of the commands {@link FastCommandLine} parses, written out from their picocli
 * annotations: reading the annotations from the class files at run time cost every {@code run}
 * about ten milliseconds. {@code CommandTableTest} checks that the table says what the annotations
 * say, and shows the lines to write when it does not.
 *
 * <p>One block per command: {@code command NAME CLASS} (with {@code help} when it has the standard
 * help options), {@code parent FIELD}, {@code parameters FIELD TYPE}, then one line per option in
 * picocli's order, {@code option FIELD TYPE [negatable] [hidden] [grouped] NAME...}. A FIELD is a
 * field of the command or {@code mixin.field}, a field of one of its mixins or groups; a TYPE is
 * the type of one value (a list's element type).
 */
final class CommandTable {

  private static final String TABLE =
      """
      command run RunCommand help
      parent parent
      parameters plans.files Path
      option debug.debug boolean --debug
      option jobs String --job
      option parallel int --parallel
      option failFast boolean negatable --fail-fast --re-raise
      option workDir Path --work-dir
      option root Path --root
      option pluginsDir Path --plugins-dir
      option report Path --report
      option dryRun boolean --dry-run
      option quiet boolean --quiet
      option output boolean --output -v
      command validate ValidateCommand help
      parent parent
      parameters plans.files Path
      option plugins.pluginsDir Path --plugins-dir
      option debug.debug boolean --debug
      command list ListCommand help
      parent parent
      parameters plans.files Path
      option debug.debug boolean --debug
      option format.json boolean grouped --json
      option format.githubMatrix boolean grouped --github-matrix
      """;

  private static final List<Class<?>> TYPES =
      List.of(boolean.class, int.class, String.class, Path.class);

  private CommandTable() {}

  /** The declaration of the command {@code name} of {@link FastCommandLine#COMMANDS}, if any. */
  static Optional<CommandDeclaration> named(String name) {
    List<String> lines = lines(name);
    return lines.isEmpty() ? Optional.empty() : Optional.of(declaration(lines));
  }

  /** The table's lines of the command {@code name}, empty when it has none. */
  static List<String> lines(String name) {
    List<String> lines = new ArrayList<>();
    boolean inside = false;
    for (String line : TABLE.split("\n")) {
      if (line.startsWith("command ")) {
        inside = line.startsWith("command ".concat(name).concat(" "));
      }
      if (inside) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static CommandDeclaration declaration(List<String> lines) {
    String[] command = lines.get(0).split(" ");
    Class<?> type = command(command[2]);
    Field parent = null;
    Member positional = null;
    List<OptionField> options = new ArrayList<>();
    // One Field per mixin or group: the parser tells a group's options apart by its identity.
    Map<String, Field> vias = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] words = line.split(" ");
      switch (words[0]) {
        case "parent" -> parent = field(type, words[1]);
        case "parameters" -> positional = member(type, vias, words[1], words[2], false);
        case "option" -> options.add(option(type, vias, words));
        default -> throw new IllegalStateException("CommandTable: unknown line: ".concat(line));
      }
    }
    boolean standardHelp = command.length > 3 && command[3].equals("help");
    return CommandDeclaration.written(command[1], standardHelp, parent, positional, options);
  }

  /**
   * {@code declaration} as the table writes it, for the command class {@code type}: what {@code
   * CommandTableTest} compares with the table.
   */
  static List<String> linesOf(CommandDeclaration declaration, Class<?> type) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "command "
            + declaration.name()
            + " "
            + type.getSimpleName()
            + (declaration.standardHelp() ? " help" : ""));
    lines.add("parent " + declaration.parent().getName());
    Member positional = declaration.positional();
    lines.add("parameters " + positional.path() + " " + positional.valueType().getSimpleName());
    for (OptionField option : declaration.options()) {
      Member member = option.member();
      lines.add(
          "option "
              + member.path()
              + " "
              + member.valueType().getSimpleName()
              + (option.negatable() ? " negatable" : "")
              + (option.hidden() ? " hidden" : "")
              + (member.grouped() ? " grouped" : "")
              + " "
              + String.join(" ", option.names()));
    }
    return lines;
  }

  private static OptionField option(Class<?> type, Map<String, Field> vias, String[] words) {
    int next = 3;
    boolean negatable = next < words.length && words[next].equals("negatable");
    next += negatable ? 1 : 0;
    boolean hidden = next < words.length && words[next].equals("hidden");
    next += hidden ? 1 : 0;
    boolean grouped = next < words.length && words[next].equals("grouped");
    next += grouped ? 1 : 0;
    List<String> names = List.of(words).subList(next, words.length);
    return new OptionField(
        names, negatable, hidden, member(type, vias, words[1], words[2], grouped));
  }

  private static Member member(
      Class<?> type, Map<String, Field> vias, String path, String valueType, boolean grouped) {
    int dot = path.indexOf('.');
    Field via = null;
    if (dot > 0) {
      String name = path.substring(0, dot);
      via = vias.get(name);
      if (via == null) {
        via = field(type, name);
        vias.put(name, via);
      }
    }
    Field field = field(via == null ? type : via.getType(), path.substring(dot + 1));
    return new Member(via, field, grouped, valueType(valueType));
  }

  private static Class<?> command(String simpleName) {
    for (Class<?> type : FastCommandLine.COMMANDS) {
      if (type.getSimpleName().equals(simpleName)) {
        return type;
      }
    }
    throw new IllegalStateException("CommandTable: not a fast command: ".concat(simpleName));
  }

  private static Class<?> valueType(String simpleName) {
    for (Class<?> type : TYPES) {
      if (type.getSimpleName().equals(simpleName)) {
        return type;
      }
    }
    throw new IllegalStateException("CommandTable: not a value type: ".concat(simpleName));
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          "CommandTable: " + type.getSimpleName() + " has no " + name, e);
    }
  }
}
