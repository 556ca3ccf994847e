package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ox_task run} as a GitHub Actions step: masks, groups, annotations, step summary. */
class GitHubRunTest {

  private static final String SECRET = "s3cr3t-value-42";
  private static final String RUNNER_SECRET = "from-the-runner-77";

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> extraEnvironment, String... args) {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(extraEnvironment);
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        environment);
  }

  private Path plan() throws Exception {
    Path plan = dir.resolve("tasks.json");
    Files.writeString(
        plan,
        """
        {
          "envs": {"secure": {"variables": {"TOKEN": "%s"}, "secrets": ["TOKEN", "CI_SECRET"]}},
          "jobs": {
            "greet": {"command": ["echo", "hello"]},
            "leaky": {"env": "secure", "command": ["sh", "-c", "echo token=$TOKEN ci=$CI_SECRET; exit 3"]}
          }
        }
        """
            .formatted(SECRET));
    return plan;
  }

  private int runUnderGitHub(Path summary) throws Exception {
    return run(
        Map.of(
            "GITHUB_ACTIONS",
            "true",
            "GITHUB_STEP_SUMMARY",
            summary.toString(),
            "CI_SECRET",
            RUNNER_SECRET),
        "run",
        "--work-dir",
        dir.resolve("work").toString(),
        "--plugins-dir",
        Files.createDirectories(dir.resolve("no-plugins")).toString(),
        plan().toString());
  }

  @Test
  void secretsAreRegisteredWithAddMaskBeforeAnyOutputAndMaskedAfter() throws Exception {
    int code = runUnderGitHub(dir.resolve("summary.md"));

    assertThat(code).isEqualTo(1);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.subList(0, 2))
        .containsExactly("::add-mask::" + SECRET, "::add-mask::" + RUNNER_SECRET);
    assertThat(lines.subList(2, lines.size()))
        .noneMatch(line -> line.contains(SECRET) || line.contains(RUNNER_SECRET));
    assertThat(lines).contains("token=*** ci=***");
  }

  @Test
  void eachJobsOutputIsGroupedAndAFailedJobIsAnnotated() throws Exception {
    runUnderGitHub(dir.resolve("summary.md"));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    int group = lines.indexOf("::group::output of greet");
    assertThat(group).isPositive();
    assertThat(lines.subList(group + 1, group + 4))
        .containsExactly("--- stdout:", "hello", "::endgroup::");
    assertThat(lines).contains("::error title=ox_task job leaky::failed: exited with code 3");
    assertThat(lines).noneMatch(line -> line.startsWith("::error title=ox_task job greet"));
  }

  @Test
  void runTableIsAppendedToTheStepSummary() throws Exception {
    Path summary = dir.resolve("summary.md");
    Files.writeString(summary, "earlier step\n");

    runUnderGitHub(summary);

    String table = Files.readString(summary).replaceAll("\\d+(\\.\\d)?s \\|", "Ns |");
    assertThat(table)
        .isEqualTo(
            "earlier step\n"
                + "### ox_task: 1 of 2 jobs succeeded\n\n"
                + "| | Job | Status | Exit code | Duration | Note |\n"
                + "|---|---|---|---|---|---|\n"
                + "| ✅ | greet | success | 0 | Ns |  |\n"
                + "| ❌ | leaky | failed | 3 | Ns |  |\n\n");
  }

  @Test
  void unwritableStepSummaryIsOneWarningAndTheRunStillReports() throws Exception {
    Path summary = dir.resolve("missing/summary.md");

    int code = runUnderGitHub(summary);

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "ox_task: warning: could not append the run summary to $GITHUB_STEP_SUMMARY ("
                + summary
                + "): its folder does not exist\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("ox_task: 2 jobs in ");
  }

  @Test
  void outsideGitHubActionsNoWorkflowCommandIsPrinted() throws Exception {
    run(
        Map.of("GITHUB_ACTIONS", "false"),
        "run",
        "--work-dir",
        dir.resolve("work").toString(),
        "--plugins-dir",
        Files.createDirectories(dir.resolve("no-plugins")).toString(),
        plan().toString());

    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("::");
  }
}
