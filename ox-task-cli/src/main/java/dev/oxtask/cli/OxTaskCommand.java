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
   * reflection, the largest part of a short command's start-up.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ValidateCommand.class,
          ListCommand.class,
          RunCommand.class,
          PluginsCommand.class,
          EnvsCommand.class,
          FindPathCommand.class,
          GitHubFileCommand.class,
          PyscriptCommand.class,
          HelpCommand.class);

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
    throw new ParameterException(spec.commandLine(), "a command is required (see ox_task --help)");
  }
}
