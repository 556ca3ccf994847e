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
    assertThat(Files.readString(workDir.resolve("logs/hello.log")))
        .startsWith("=== greet: success (exit 0)")
        .contains("Hello, world!")
        .contains("=== system: success (exit 0)")
        .contains("=== etc_entries: success (exit 0)");
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

  @Test
  void underGitHubActionsTheRunMasksGroupsAnnotatesAndWritesTheStepSummary() throws Exception {
    Path plan = temp.resolve("ci.json");
    Files.writeString(
        plan,
        """
        {"envs": {"ci": {"secrets": ["DEPLOY_TOKEN"]}},
         "jobs": {"ok": {"command": ["echo", "fine"]},
                  "broken": {"env": "ci", "command": ["sh", "-c", "echo $DEPLOY_TOKEN; exit 2"]}}}
        """);
    Path summary = temp.resolve("step summary.md");

    Outcome outcome =
        Launch.of(link, "run", "--work-dir", workDir.toString(), plan.toString())
            .in(elsewhere)
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_STEP_SUMMARY", summary.toString())
            .env("DEPLOY_TOKEN", "tok-8c1f")
            .run(elsewhere);

    assertThat(outcome.exitCode()).isEqualTo(1);
    List<String> lines = outcome.stdout().lines().toList();
    assertThat(lines.get(0)).isEqualTo("::add-mask::tok-8c1f");
    assertThat(lines.subList(1, lines.size())).noneMatch(line -> line.contains("tok-8c1f"));
    assertThat(lines)
        .containsSubsequence("::group::output of ok", "--- stdout:", "fine", "::endgroup::")
        .containsSubsequence("::group::output of broken", "--- stdout:", "***", "::endgroup::")
        .contains("::error title=ox_task job broken::failed: exited with code 2");
    assertThat(Files.readString(summary))
        .startsWith("### ox_task: 1 of 2 jobs succeeded\n")
        .containsPattern("\\| ✅ \\| ok \\| success \\| 0 \\| [0-9.]+s \\|  \\|")
        .containsPattern("\\| ❌ \\| broken \\| failed \\| 2 \\| [0-9.]+s \\|  \\|");
  }

  private Path runFile(String name) throws IOException {
    try (Stream<Path> files = Files.walk(workDir.resolve("runs"))) {
      List<Path> found = files.filter(file -> file.endsWith(name)).toList();
      assertThat(found).as("runs/*/%s", name).hasSize(1);
      return found.get(0);
    }
  }
}
