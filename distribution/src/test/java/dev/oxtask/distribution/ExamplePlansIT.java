package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.distribution.Launch.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example plans the zip ships, checked by the installed launcher from another folder. */
class ExamplePlansIT {

  @TempDir static Path temp;
  static Installation installation;
  static Path elsewhere;

  @BeforeAll
  static void unpack() throws IOException {
    installation = Installation.unpackInto(Files.createDirectories(temp.resolve("install dir")));
    elsewhere = Files.createDirectories(temp.resolve("somewhere else"));
  }

  static List<Path> examplePlans() throws IOException {
    try (Stream<Path> files = Files.list(installation.home().resolve("examples"))) {
      List<Path> plans = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
      assertThat(plans).extracting(Path::getFileName).map(Path::toString).contains("hello.json");
      return plans;
    }
  }

  @ParameterizedTest
  @MethodSource("examplePlans")
  void examplePlanIsValid(Path plan) throws Exception {
    Outcome outcome =
        Launch.of(installation.launcher(), "validate", plan.toString())
            .in(elsewhere)
            .run(elsewhere);

    // A valid plan may draw warnings (spec section 6), never an error.
    assertThat(outcome.stderrLines()).allMatch(line -> line.startsWith("warning: "));
    assertThat(outcome.stdout()).startsWith("ok: " + plan + ": ");
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void helloPlanListsItsJobsAsAGitHubMatrix() throws Exception {
    Outcome outcome =
        Launch.of(
                installation.launcher(),
                "list",
                "--github-matrix",
                installation.home().resolve("examples/hello.json").toString())
            .in(elsewhere)
            .run(elsewhere);

    assertThat(outcome.stdout())
        .isEqualTo(
            "{\"include\":[{\"job\":\"greet\"},{\"job\":\"system\"},{\"job\":\"etc_entries\"}]}\n");
    assertThat(outcome.exitCode()).isZero();
  }
}
