package dev.oxtask.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
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
    return run(args, out, err, System.getenv());
  }

  /** Like {@link #run(String[], PrintStream, PrintStream)}, with the runner environment given. */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
    return run(args, out, err, environment, System.console() != null);
  }

  /**
   * Like {@link #run(String[], PrintStream, PrintStream, Map)}; {@code terminal} says whether
   * {@code out} is a terminal (colour, a live status line), decided here once for every command.
   */
  static int run(
      String[] args,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      boolean terminal) {
    boolean debug = Arrays.asList(args).contains("--debug");
    Logging.configure(debug);
    CommandLine cli = new CommandLine(new OxTaskCommand(out, err, environment, terminal));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, ignored) -> usageError(e, err));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (debug) {
            e.printStackTrace(err);
          } else {
            err.println(
                "ox_task: internal error: "
                    + e
                    + "\n(this is a bug in ox_task; run again with --debug to see the stack trace)");
          }
          return ExitCode.FAILED;
        });
    return cli.execute(args);
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
      if (!unmatched.getSuggestions().isEmpty()) {
        message += " — did you mean '" + unmatched.getSuggestions().get(0) + "'?";
      }
    }
    String help = e.getCommandLine().getCommandSpec().qualifiedName() + " --help";
    err.println(
        "ox_task: " + message + (message.contains("--help") ? "" : " (see '" + help + "')"));
    return ExitCode.USAGE;
  }
}
