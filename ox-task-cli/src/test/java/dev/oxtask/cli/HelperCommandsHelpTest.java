package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelperCommandsHelpTest {

  @ParameterizedTest
  @ValueSource(strings = {"envs", "find-path", "github-file", "pyscript"})
  void helpIsPrintedAndExitsZero(String command) {
    CliRun run = CliRun.of(command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: ox_task " + command + " ");
    assertThat(run.err()).isEmpty();
  }
}
