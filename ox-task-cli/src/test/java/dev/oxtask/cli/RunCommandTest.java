package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ox_task run} driven through {@link Main#run} in memory, with real plan files. */
class RunCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path plan(String json) throws Exception {
    Path plan = dir.resolve("tasks.json");
    Files.writeString(plan, json);
    return plan;
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8)
        .replaceAll("\\d{8}T\\d{6}Z-[0-9a-f]{4}", "RUN-ID")
        .replaceAll("\\d+\\.\\ds", "N.Ns")
        .replace(dir.resolve("work").toString(), "WORK");
  }

  @Test
  void runsEveryJobAndExitsZeroWhenAllSucceed() throws Exception {
    Path plan =
        plan(
            "{\"jobs\": {\"hello\": {\"command\": \"echo 'hello world'\"},"
                + " \"shell\": {\"command\": \"echo a | tr a b\", \"shell\": true}}}");

    int code = run("run", "--work-dir", dir.resolve("work").toString(), plan.toString());

    assertThat(code).isEqualTo(0);
    assertThat(stdout())
        .isEqualTo(
            "ox_task: run RUN-ID, 2 jobs; logs in WORK/runs/RUN-ID/\n"
                + "✓ hello  success   N.Ns\n✓ shell  success   N.Ns\n"
                + "ox_task: 2 jobs in N.Ns: 2 success\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aPlanWhoseNoteIsInvalidRunsNothingAndLeavesTheWorkDirUntouched() throws Exception {
    Path plan =
        plan(
            "{\"notes\": {\"chat\": {\"class_name\": \"NoSuchNote\"}},"
                + " \"jobs\": {\"a\": {\"command\": \"true\", \"note\": \"chat\"}}}");

    int code = run("run", "--work-dir", dir.resolve("work").toString(), plan.toString());

    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("notes.chat.class_name: unknown note class 'NoSuchNote'")
        .doesNotContain("could not save");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(dir.resolve("work")).doesNotExist();
  }

  @Test
  void failingJobExitsOneAndTheReportIsStillWritten() throws Exception {
    Path plan =
        plan(
            "{\"jobs\": {\"bad\": {\"command\": [\"sh\", \"-c\", \"exit 4\"]},"
                + " \"missing\": {\"command\": [\"no-such-program-ox\"]}}}");
    Path report = dir.resolve("report.json");

    int code =
        run(
            "run",
            "--work-dir",
            dir.resolve("work").toString(),
            "--report",
            report.toString(),
            plan.toString());

    assertThat(code).isEqualTo(1);
    JsonNode jobs = new ObjectMapper().readTree(report.toFile()).get("jobs");
    assertThat(jobs.get(0).get("status").asText()).isEqualTo("failed");
    assertThat(jobs.get(1).get("status").asText()).isEqualTo("error");
    assertThat(jobs.get(1).get("error").asText())
        .startsWith("unknown program 'no-such-program-ox'");
  }

  @Test
  void onlyTheJobsNamedWithJobRun() throws Exception {
    Path plan =
        plan(
            "{\"jobs\": {\"a\": {\"command\": \"true\"}, \"b\": {\"command\": \"true\"},"
                + " \"c\": {\"command\": \"true\"}}}");

    int code =
        run(
            "run",
            "--work-dir",
            dir.resolve("work").toString(),
            "--job",
            "c",
            "--job",
            "a",
            plan.toString());

    assertThat(code).isEqualTo(0);
    assertThat(stdout())
        .isEqualTo(
            "ox_task: run RUN-ID, 2 jobs; logs in WORK/runs/RUN-ID/\n"
                + "✓ a  success   N.Ns\n✓ c  success   N.Ns\nox_task: 2 jobs in N.Ns: 2 success\n");
  }

  @Test
  void unknownJobNameExitsTwoWithASuggestionAndRunsNothing() throws Exception {
    Path plan =
        plan(
            "{\"jobs\": {\"weather\": {\"command\": \"touch ran\"},"
                + " \"backup\": {\"command\": \"touch ran\"}}}");

    int code =
        run(
            "run",
            "--work-dir",
            dir.resolve("work").toString(),
            "--job",
            "wether",
            plan.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "ox_task: unknown job 'wether' — did you mean 'weather'?"
                + " (the plan's jobs: weather, backup)\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(dir.resolve("work")).doesNotExist();
  }

  @Test
  void parallelZeroIsBadUsage() throws Exception {
    Path plan = plan("{\"jobs\": {\"a\": {\"command\": \"true\"}}}");

    int code = run("run", "--parallel", "0", plan.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("ox_task: --parallel must be 1 or more, not 0\n");
  }

  @Test
  void fourTwoSecondJobsWithParallelFourFinishTogether() throws Exception {
    Path plan =
        plan(
            "{\"jobs\": {\"a\": {\"command\": \"sleep 2\"}, \"b\": {\"command\": \"sleep 2\"},"
                + " \"c\": {\"command\": \"sleep 2\"}, \"d\": {\"command\": \"sleep 2\"}}}");

    long start = System.nanoTime();
    int code =
        run(
            "run",
            "--parallel",
            "4",
            "--work-dir",
            dir.resolve("work").toString(),
            plan.toString());

    assertThat(code).isEqualTo(0);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(7));
  }

  @Test
  void failFastAliasReRaiseSkipsTheRest() throws Exception {
    Path plan =
        plan("{\"jobs\": {\"bad\": {\"command\": \"false\"}, \"next\": {\"command\": \"true\"}}}");

    int code =
        run("run", "--re-raise", "--work-dir", dir.resolve("work").toString(), plan.toString());

    assertThat(code).isEqualTo(1);
    assertThat(stdout())
        .isEqualTo(
            "ox_task: run RUN-ID, 2 jobs; logs in WORK/runs/RUN-ID/\n"
                + "✗ bad   failed    N.Ns  exited with code 1\n"
                + "- next  skipped   N.Ns  not started: an earlier job did not succeed and"
                + " --fail-fast is set\n"
                + "ox_task: 2 jobs in N.Ns: 1 failed, 1 skipped\n");
  }

  @Test
  void noReRaiseIsAcceptedAndRunsEveryJobAsTheDefaultDoes() throws Exception {
    Path plan =
        plan("{\"jobs\": {\"bad\": {\"command\": \"false\"}, \"next\": {\"command\": \"true\"}}}");

    int code =
        run("run", "--no-re-raise", "--work-dir", dir.resolve("work").toString(), plan.toString());

    assertThat(code).isEqualTo(1);
    assertThat(stdout())
        .isEqualTo(
            "ox_task: run RUN-ID, 2 jobs; logs in WORK/runs/RUN-ID/\n"
                + "✗ bad   failed    N.Ns  exited with code 1\n"
                + "✓ next  success   N.Ns\n"
                + "ox_task: 2 jobs in N.Ns: 1 success, 1 failed\n");
  }

  @Test
  void envPathIsResolvedAgainstRoot() throws Exception {
    Files.createDirectories(dir.resolve("site"));
    Path plan =
        plan(
            "{\"envs\": {\"e\": {\"path\": \"site\"}},"
                + " \"jobs\": {\"where\": {\"env\": \"e\", \"command\": \"touch here\"}}}");

    int code =
        run(
            "run",
            "--root",
            dir.toString(),
            "--work-dir",
            dir.resolve("work").toString(),
            plan.toString());

    assertThat(code).isEqualTo(0);
    assertThat(dir.resolve("site/here")).exists();
  }

  @Test
  void aReportThatCannotBeWrittenIsBadUsageBeforeAnyJobRuns() throws Exception {
    Path plan = plan("{\"jobs\": {\"a\": {\"command\": [\"touch\", \"ran\"]}}}");
    Path notAFolder = Files.writeString(dir.resolve("taken"), "a file");

    int code =
        run(
            "run",
            "--work-dir",
            dir.resolve("work").toString(),
            "--report",
            notAFolder.resolve("report.json").toString(),
            plan.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "ox_task: cannot write the report to "
                + notAFolder.resolve("report.json")
                + ": "
                + notAFolder
                + " is a file, not a folder\n");
    assertThat(dir.resolve("work")).doesNotExist();
  }

  @Test
  void aReportPathThatIsAFolderIsBadUsage() throws Exception {
    Path plan = plan("{\"jobs\": {\"a\": {\"command\": \"true\"}}}");

    int code = run("run", "--report", dir.toString(), plan.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "ox_task: cannot write the report to "
                + dir
                + ": it is a folder; give a file name, e.g. "
                + dir.resolve("report.json")
                + "\n");
  }

  @Test
  void aMissingPluginsDirIsBadUsage() throws Exception {
    Path plan = plan("{\"jobs\": {\"a\": {\"command\": \"true\"}}}");
    Path missing = dir.resolve("no-plugins");

    assertThat(run("run", "--plugins-dir", missing.toString(), plan.toString())).isEqualTo(2);
    assertThat(run("validate", "--plugins-dir", missing.toString(), plan.toString())).isEqualTo(2);
    assertThat(run("plugins", "--plugins-dir", missing.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            ("ox_task: --plugins-dir "
                    + missing
                    + " does not exist; give the folder that holds the note plugin JARs\n")
                .repeat(3));
  }

  @Test
  void aTerminalGetsAStatusLineButNotUnderGitHubActionsOrQuiet() throws Exception {
    Path plan = plan("{\"jobs\": {\"a\": {\"command\": \"true\"}}}");
    String[] args = {"run", "--work-dir", dir.resolve("work").toString(), plan.toString()};
    Map<String, String> plain = Map.of("PATH", System.getenv("PATH"));

    assertThat(runOn(true, plain, args)).contains("⋯ running: a 0s");
    assertThat(runOn(false, plain, args)).doesNotContain("running:");
    assertThat(runOn(true, Map.of("PATH", System.getenv("PATH"), "GITHUB_ACTIONS", "true"), args))
        .doesNotContain("running:");
    String[] quiet = {
      "run", "--quiet", "--work-dir", dir.resolve("work").toString(), plan.toString()
    };
    assertThat(runOn(true, plain, quiet)).doesNotContain("running:");
  }

  /** What a run printed to stdout, told whether stdout is a terminal. */
  private String runOn(boolean terminal, Map<String, String> environment, String... args) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Main.run(
        args,
        new PrintStream(printed, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        environment,
        terminal);
    return printed.toString(StandardCharsets.UTF_8);
  }
}
