package dev.oxtask.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * The common command lines of {@code run}, {@code validate} and {@code list}, and unknown options,
 * handled without picocli: its classes are compiled for Java 5, which the class-data archive cannot
 * hold, so building its command tree was most of a short command's start-up. The options are those
 * of the annotations picocli reads, written out in {@link CommandTable}. A line this class cannot
 * treat exactly as picocli would (help or version options, a repeated option, a value that looks
 * like an option, a conversion error, a missing plan, an {@code @file}, ...) is left to picocli,
 * which prints what it always printed.
 */
final class FastCommandLine {

  /** The commands parsed here; the others are rarer and picocli's. */
  static final List<Class<?>> COMMANDS =
      List.of(RunCommand.class, ValidateCommand.class, ListCommand.class);

  /** The root command's name. */
  static final String ROOT_NAME = "ox_task";

  private FastCommandLine() {}

  /**
   * Runs {@code args} as picocli would, or returns empty when picocli must: then nothing was
   * printed and nothing ran.
   */
  static OptionalInt execute(String[] args, OxTaskCommand root, boolean debug) {
    if (args.length == 0 || picocliConfigured()) {
      return OptionalInt.empty();
    }
    Optional<CommandDeclaration> named = CommandTable.named(args[0]);
    if (named.isEmpty()) {
      return OptionalInt.empty();
    }
    CommandDeclaration declaration = named.get();
    Optional<CommandLineParser.Parsed> parsed =
        parse(declaration, List.of(args).subList(1, args.length), root, true);
    if (parsed.isEmpty()) {
      return OptionalInt.empty();
    }
    List<String> unknown = parsed.get().unknown();
    if (!unknown.isEmpty()) {
      Main.printUsageError(
          unknownOptions(unknown, declaration.visibleNames()),
          ROOT_NAME.concat(" ").concat(declaration.name()),
          root.err);
      return OptionalInt.of(ExitCode.USAGE);
    }
    return OptionalInt.of(call((Callable<?>) parsed.get().command(), root.err, debug));
  }

  /**
   * The command {@code args} sets up, as picocli would set it up, or empty when picocli must parse
   * them (or rejects them). For tests: {@link #execute} also handles unknown options.
   */
  static Optional<Object> parse(String command, List<String> args, OxTaskCommand root) {
    return parse(CommandTable.named(command).orElseThrow(), args, root, false)
        .filter(parsed -> parsed.unknown().isEmpty())
        .map(CommandLineParser.Parsed::command);
  }

  private static Optional<CommandLineParser.Parsed> parse(
      CommandDeclaration declaration, List<String> args, OxTaskCommand root, boolean unknownOk) {
    if (!declaration.parsable()) {
      return Optional.empty();
    }
    return new CommandLineParser(declaration, unknownOk).parse(args, root);
  }

  /** A {@code picocli.*} system property changes how picocli parses or prints: picocli's line. */
  private static boolean picocliConfigured() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("picocli.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code ox_task --no-such-option}: a line of nothing but unknown long options is an error of the
   * root command, told before anything is built. The root declares no option of its own, only the
   * standard help options (which {@code FastCommandLineTest} checks against its annotations:
   * reading them here would cost this short command most of its run).
   */
  static OptionalInt unknownRootOptions(String[] args, PrintStream err) {
    if (args.length == 0 || picocliConfigured()) {
      return OptionalInt.empty();
    }
    for (String arg : args) {
      boolean unknown =
          unknownOptionShape(arg) && !CommandDeclaration.STANDARD_HELP_NAMES.contains(arg);
      if (!unknown) {
        return OptionalInt.empty();
      }
    }
    Main.printUsageError(
        unknownOptions(List.of(args), CommandDeclaration.STANDARD_HELP_NAMES), ROOT_NAME, err);
    return OptionalInt.of(ExitCode.USAGE);
  }

  /**
   * picocli's message for unknown options, with its suggestion: the visible option names that start
   * like the first unknown one.
   */
  private static String unknownOptions(List<String> unknown, List<String> names) {
    StringBuilder message = new StringBuilder("Unknown option");
    message.append(unknown.size() == 1 ? ": " : "s: ");
    for (int i = 0; i < unknown.size(); i++) {
      message.append(i == 0 ? "'" : ", '").append(unknown.get(i)).append('\'');
    }
    String stripped = withoutPrefix(unknown.get(0));
    String prefix = stripped.substring(0, Math.min(2, stripped.length()));
    List<String> suggestions = new ArrayList<>();
    for (String name : names) {
      if (withoutPrefix(name).startsWith(prefix)) {
        suggestions.add(name);
      }
    }
    return Main.withSuggestion(message.toString(), suggestions);
  }

  /**
   * Whether picocli's parser takes {@code arg} for an unknown option whatever the command declares,
   * {@code --[a-z][a-z0-9-]*}: it resembles the declared names and cannot be a number, a cluster of
   * short options or a value. (No regex: compiling one costs a short command.)
   */
  static boolean unknownOptionShape(String arg) {
    if (arg.length() < 3 || !arg.startsWith("--") || !isLowerLetter(arg.charAt(2))) {
      return false;
    }
    for (int i = 3; i < arg.length(); i++) {
      char c = arg.charAt(i);
      if (!isLowerLetter(c) && !(c >= '0' && c <= '9') && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  /** An option name from its first letter or digit on, as picocli compares names. */
  private static String withoutPrefix(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (Character.isJavaIdentifierPart(name.charAt(i))) {
        return name.substring(i);
      }
    }
    return name;
  }

  /** Calls the command as picocli's {@code execute} does, its exceptions reported the same way. */
  private static int call(Callable<?> command, PrintStream err, boolean debug) {
    try {
      Object result = command.call();
      return result instanceof Integer code ? code : ExitCode.OK;
    } catch (Exception e) {
      return Main.internalError(e, err, debug);
    }
  }
}
