package dev.oxtask.cli;

import dev.oxtask.core.text.ClosestName;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code ox_task} command line: {@code main} only hands its streams to {@link #run}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /**
   * Runs one command line and returns its exit code (spec section 7): 0 all good, 1 a job or note
   * failed, 2 bad usage or an invalid plan, 130 interrupted.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, Invocation.ofProcess(out, err));
  }

  /** Like {@link #run(String[], PrintStream, PrintStream)}, with the runner environment given. */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
    return run(args, out, err, environment, false);
  }

  /**
   * Like {@link #run(String[], PrintStream, PrintStream, Map)}; {@code terminal} says whether
   * {@code out} is a terminal (colour, a live status line).
   */
  static int run(
      String[] args,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      boolean terminal) {
    return run(args, Invocation.of(out, err, environment, terminal));
  }

  /** Runs one command line in {@code context}, decided here once for every command. */
  static int run(String[] args, Invocation context) {
    PrintStream out = context.out();
    PrintStream err = context.err();
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // What picocli would print, without loading it: its classes are compiled for Java 5, which
      // the class-data archive cannot hold, so they cost most of a short command's start-up.
      out.println(versionLine());
      return ExitCode.OK;
    }
    if (args.length == 1 && List.of("--help", "-h", "help").contains(args[0])) {
      out.print(RootHelp.text());
      return ExitCode.OK;
    }
    boolean debug = Arrays.asList(args).contains("--debug");
    Logging.configure(debug);
    OptionalInt rootError = FastCommandLine.unknownRootOptions(args, err);
    if (rootError.isPresent()) {
      return rootError.getAsInt();
    }
    OxTaskCommand root = new OxTaskCommand(context);
    OptionalInt fast = FastCommandLine.execute(args, root, debug);
    return fast.isPresent() ? fast.getAsInt() : withPicocli(args, root, debug);
  }

  /**
   * {@code ox_task 1.2.3}, the version this JAR was built as: what {@code --version} prints, for
   * picocli too ({@link Version}). Here rather than in a class of its own, which the class-data
   * archive (made by a {@code run}) would not hold: loading it would cost {@code --version} a
   * search of every JAR on the class path.
   */
  static String versionLine() {
    String version = Main.class.getPackage().getImplementationVersion();
    // concat, not +: the first + a JVM links costs this short command generated classes.
    return "ox_task ".concat(version != null ? version : "development build");
  }

  /**
   * Parses and runs {@code args} with picocli: every command line {@link FastCommandLine} leaves.
   */
  static int withPicocli(String[] args, OxTaskCommand root, boolean debug) {
    CommandLine cli = commandLine(args, root);
    cli.setOut(new PrintWriter(root.out, true));
    cli.setErr(new PrintWriter(root.err, true));
    cli.setParameterExceptionHandler((e, ignored) -> usageError(e, root.err));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> internalError(e, root.err, debug));
    return cli.execute(args);
  }

  /** A command's unexpected exception: a bug of ox_task's, its stack trace only with --debug. */
  static int internalError(Exception e, PrintStream err, boolean debug) {
    if (debug) {
      e.printStackTrace(err);
    } else {
      err.println(
          "ox_task: internal error: "
              + e
              + "\n(this is a bug in ox_task; run again with --debug to see the stack trace)");
    }
    return ExitCode.FAILED;
  }

  /**
   * The command tree {@code args} needs: the root and the one subcommand it names; every subcommand
   * for root help, {@code help} and a misspelt command (for the suggestion); none when no command
   * is named ({@code ox_task --no-such-option}).
   */
  static CommandLine commandLine(String[] args, OxTaskCommand root) {
    CommandLine cli = new CommandLine(root);
    cli.getHelpSectionMap()
        .put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> RootHelp.commandList());
    // The root has no option that takes a value, so its first non-option word is the command.
    String word = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    List<Class<?>> named =
        OxTaskCommand.subcommands().stream().filter(c -> nameOf(c).equals(word)).toList();
    boolean everyCommand =
        named.contains(HelpCommand.class)
            || (named.isEmpty() && !word.isEmpty())
            || (word.isEmpty() && Arrays.stream(args).anyMatch(Main::asksForHelp));
    // Without a command word (a root option, right or wrong) the root alone parses the line.
    for (Class<?> command : everyCommand ? OxTaskCommand.subcommands() : named) {
      cli.addSubcommand(command);
    }
    return cli;
  }

  /** {@code --help}, {@code -h} or short options bundled with it ({@code -hV}). */
  private static boolean asksForHelp(String arg) {
    return arg.equals("--help") || (arg.matches("-[A-Za-z]+") && arg.contains("h"));
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /** Bad usage is one line naming the problem and where help is, never a page of usage text. */
  private static int usageError(ParameterException e, PrintStream err) {
    String message = e.getMessage().replaceFirst("^Error: ", "");
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> words = unmatched.getUnmatched();
      boolean command =
          !e.getCommandLine().getSubcommands().isEmpty()
              && !words.isEmpty()
              && !words.get(0).startsWith("-");
      if (command) {
        message = "unknown command '" + words.get(0) + "'";
      }
      message = withSuggestion(message, unmatched.getSuggestions());
    }
    // picocli's HelpCommand's message for `help NAME` naming no command.
    Matcher helpTopic = Pattern.compile("Unknown subcommand '(.*)'\\.").matcher(message);
    if (helpTopic.matches()) {
      // From `ox_task help NAME`: said like any other unknown command.
      String name = helpTopic.group(1);
      message =
          "unknown command '"
              + name
              + "'"
              + ClosestName.suggestion(name, e.getCommandLine().getSubcommands().keySet());
    }
    printUsageError(message, e.getCommandLine().getCommandSpec().qualifiedName(), err);
    return ExitCode.USAGE;
  }

  // StringBuilder rather than + in the two methods below: each new shape of string concatenation
  // costs the JVM generated classes at first use, a tenth of a short command's run.

  /** {@code message} and the first of {@code suggestions}, when there is one. */
  static String withSuggestion(String message, List<String> suggestions) {
    if (suggestions.isEmpty()) {
      return message;
    }
    return new StringBuilder(message)
        .append(" — did you mean '")
        .append(suggestions.get(0))
        .append("'?")
        .toString();
  }

  /** Prints a usage error of the command {@code command} (e.g. {@code ox_task run}). */
  static void printUsageError(String message, String command, PrintStream err) {
    StringBuilder line = new StringBuilder("ox_task: ").append(message);
    if (!message.contains("--help")) {
      line.append(" (see '").append(command).append(" --help')");
    }
    err.println(line);
  }
}
