package dev.oxtask.cli;

import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root {@code ox_task} command; its subcommands do the work. */
@Command(
    name = "ox_task",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Runs the jobs of JSON task plans with their environments, timeouts and notes.")
final class OxTaskCommand implements Runnable {

  /**
   * The subcommands, in the order help lists them. They are not in the annotation: {@link Main}
   * builds only the one a command line invokes, since picocli reads each command's annotations by
   * reflection, the largest part of a short command's start-up. A method, not a constant: the list
   * names picocli's {@code HelpCommand}, whose loading (picocli is outside the class-data archive)
   * would cost every command a search of the class path's JARs.
   */
  static List<Class<?>> subcommands() {
    return List.of(
        ValidateCommand.class,
        ListCommand.class,
        RunCommand.class,
        PluginsCommand.class,
        EnvsCommand.class,
        FindPathCommand.class,
        GitHubFileCommand.class,
        PyscriptCommand.class,
        HelpCommand.class);
  }

  /** The streams, environment, working directory and terminal every subcommand uses. */
  final Invocation context;

  /** {@code context.out()}, which every subcommand prints to. */
  final PrintStream out;

  /** {@code context.err()}, which every subcommand reports problems to. */
  final PrintStream err;

  @Spec CommandSpec spec;

  OxTaskCommand(Invocation context) {
    this.context = context;
    this.out = context.out();
    this.err = context.err();
  }

  @Override
  public void run() {
    throw Usage.commandRequired(spec);
  }

  /**
   * Where the root's picocli exception is made: a class of its own, loaded only when picocli runs
   * the root. Throwing a {@code ParameterException} in {@link #run} itself would load picocli's
   * exception classes (which the class-data archive cannot hold) with this class, for every
   * command.
   */
  private static final class Usage {
    static RuntimeException commandRequired(CommandSpec spec) {
      return new ParameterException(
          spec.commandLine(), "a command is required (see ox_task --help)");
    }
  }
}
