package dev.oxtask.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

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
    boolean debug = Arrays.asList(args).contains("--debug");
    Logging.configure(debug);
    CommandLine cli = new CommandLine(new OxTaskCommand(out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
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
}
