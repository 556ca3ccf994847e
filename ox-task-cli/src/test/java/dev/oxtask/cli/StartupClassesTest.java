package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real {@code ox_task} JVM loads for the common command lines: neither picocli's parser nor
 * the logging framework, which cost most of a short run's start-up, unless the line needs them.
 */
class StartupClassesTest {

  private static final String PICOCLI_PARSER = "] picocli.CommandLine source:";
  private static final String LOGGING = "] org.slf4j.LoggerFactory source:";

  @TempDir Path dir;
  private Path plan;

  @BeforeEach
  void writePlan() throws Exception {
    plan =
        Files.writeString(
            dir.resolve("one.json"), "{\"jobs\": {\"one\": {\"command\": \"true\"}}}");
  }

  @Test
  void aPlainRunLoadsNeitherPicocliNorLogging() throws Exception {
    String run = launch(0, "run", "--work-dir", dir.resolve("work").toString(), plan.toString());

    assertThat(run)
        .contains("1 success")
        .doesNotContain(PICOCLI_PARSER, LOGGING)
        .doesNotContain("] picocli.CommandLine$Option source:"); // annotations read from bytes
  }

  @Test
  void validateAndListLoadNoPicocliParser() throws Exception {
    assertThat(launch(0, "validate", plan.toString()))
        .contains("ok: ")
        .doesNotContain(PICOCLI_PARSER, LOGGING);
    assertThat(launch(0, "list", "--json", plan.toString()))
        .contains("\"job\": \"one\"")
        .doesNotContain(PICOCLI_PARSER, LOGGING);
  }

  @Test
  void anUnknownOptionIsReportedWithoutPicocli() throws Exception {
    assertThat(launch(2, "run", "--bogus", plan.toString()))
        .contains("ox_task: Unknown option: '--bogus' (see 'ox_task run --help')")
        .doesNotContain(PICOCLI_PARSER);
    assertThat(launch(2, "--no-such-option"))
        .contains("ox_task: Unknown option: '--no-such-option' (see 'ox_task --help')")
        .doesNotContain("] picocli.");
  }

  @Test
  void versionLoadsNoPicocliClass() throws Exception {
    assertThat(launch(0, "--version")).contains("ox_task ").doesNotContain("] picocli.");
  }

  @Test
  void debugStartsLoggingAndHelpIsPicocliS() throws Exception {
    assertThat(launch(0, "validate", "--debug", plan.toString())).contains(LOGGING);
    assertThat(launch(0, "run", "--help")).contains("Usage: ox_task run").contains(PICOCLI_PARSER);
  }

  /** Everything the JVM printed, its class-load lines included, after checking its exit code. */
  private String launch(int exitCode, String... args) throws Exception {
    List<String> command = MainProcess.command(List.of("-Xlog:class+load=info:stdout"), args);
    Path output = dir.resolve("output.txt");
    Process ox =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(new File("/dev/null"))
            .start();
    try {
      assertThat(ox.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      ox.destroyForcibly();
    }
    String printed = Files.readString(output);
    assertThat(ox.exitValue()).as(printed).isEqualTo(exitCode);
    return printed;
  }
}
