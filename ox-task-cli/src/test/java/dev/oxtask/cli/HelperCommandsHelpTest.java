package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;

/** Every subcommand prints its help for {@code --help}, {@code -h} and {@code help COMMAND}. */
class HelperCommandsHelpTest {

  static Stream<String> commands() {
    return OxTaskCommand.subcommands().stream().map(c -> c.getAnnotation(Command.class).name());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpIsPrintedAndExitsZero(String command) {
    CliRun run = CliRun.of(command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: ox_task " + command + " ");
    assertThat(run.err()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void shortHelpAndTheHelpCommandPrintTheSameHelp(String command) {
    CliRun longHelp = CliRun.of(command, "--help");

    assertThat(CliRun.of(command, "-h")).isEqualTo(longHelp);
    assertThat(CliRun.of("help", command)).isEqualTo(longHelp);
  }

  @org.junit.jupiter.api.Test
  void theRootHelpWrittenWithoutPicocliIsWhatPicocliWouldPrint() {
    OxTaskCommand root =
        new OxTaskCommand(Invocation.of(System.out, System.err, java.util.Map.of(), false));
    String picocli = Main.commandLine(new String[] {"-h"}, root).getUsageMessage();

    assertThat(CliRun.of("--help").out()).isEqualTo(picocli).isEqualTo(CliRun.of("-h").out());
    assertThat(CliRun.of("help").out()).isEqualTo(picocli);
  }
}
