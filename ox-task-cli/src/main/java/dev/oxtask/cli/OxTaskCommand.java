package dev.oxtask.cli;

import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root {@code ox_task} command; its subcommands do the work. */
@Command(
    name = "ox_task",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Runs the jobs of JSON task plans with their environments, timeouts and notes.",
    subcommands = {
      ValidateCommand.class,
      ListCommand.class,
      RunCommand.class,
      PluginsCommand.class,
      EnvsCommand.class,
      FindPathCommand.class,
      GitHubFileCommand.class,
      PyscriptCommand.class
    })
final class OxTaskCommand implements Runnable {

  final PrintStream out;
  final PrintStream err;

  @Spec CommandSpec spec;

  OxTaskCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required (see ox_task --help)");
  }
}
