package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.distribution.Launch.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ox_task run` of the real zip, started through a symlink from a folder of its own. */
class RunThroughLauncherIT {

  @TempDir Path temp;
  Installation installation;
  Path link;
  Path elsewhere;
  Path workDir;

  @BeforeEach
  void install() throws IOException {
    installation = Installation.unpackInto(Files.createDirectories(temp.resolve("tools dir")));
    Path links = Files.createDirectories(temp.resolve("my bin"));
    link = Files.createSymbolicLink(links.resolve("ox_task"), installation.launcher());
    elsewhere = Files.createDirectories(temp.resolve("somewhere else"));
    workDir = temp.resolve("work dir");
  }

  @Test
  void helloExampleRunsThroughASymlinkedLauncherFromAnotherFolder() throws Exception {
    Path plan = installation.home().resolve("examples/hello.json");

    Outcome outcome =
        Launch.of(link, "run", "--work-dir", workDir.toString(), plan.toString())
            .in(elsewhere)
            .run(elsewhere);

    assertThat(outcome.stdout().lines())
        .anyMatch(line -> line.matches("✓ greet +success .*"))
        .anyMatch(line -> line.matches("✓ system +success .*"))
        .anyMatch(line -> line.matches("✓ etc_entries +success .*"))
        .last()
        .asString()
        .matches("ox_task: 3 jobs in .*: 3 success");
    assertThat(outcome.exitCode()).isZero();
    assertThat(Files.readString(runFile("greet.stdout"))).isEqualTo("Hello, world!\n");
    // The SimpleFileLog note was found in <home>/plugins although the run started elsewhere.
    assertThat(Files.readString(workDir.resolve("jobs/greet/logs/hello.log")))
        .startsWith("=== greet: success (exit 0)")
        .contains("Hello, world!");
  }

  @Test
  void jobCommandsFindOxTaskOnPath() throws Exception {
    Path plan = temp.resolve("which.json");
    Files.writeString(
        plan, "{\"jobs\": {\"which\": {\"command\": \"command -v ox_task\", \"shell\": true}}}");

    Outcome outcome =
        Launch.of(link, "run", "--work-dir", workDir.toString(), plan.toString())
            .in(elsewhere)
            .env("PATH", "/usr/bin:/bin")
            .run(elsewhere);

    assertThat(outcome.exitCode()).isZero();
    assertThat(Files.readString(runFile("which.stdout")))
        .isEqualTo(installation.home().resolve("bin/ox_task") + "\n");
  }

  private Path runFile(String name) throws IOException {
    try (Stream<Path> files = Files.walk(workDir.resolve("runs"))) {
      List<Path> found = files.filter(file -> file.endsWith(name)).toList();
      assertThat(found).as("runs/*/%s", name).hasSize(1);
      return found.get(0);
    }
  }
}
