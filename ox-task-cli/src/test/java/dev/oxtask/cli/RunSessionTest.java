package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxtask.core.plan.Condition;
import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskNote;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.runner.Runner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's console output, report and exit code, with plans built in the test. */
class RunSessionTest {

  private static final Path PLAN_FILE = Path.of("/plans/tasks.json");
  @TempDir Path work;
  @TempDir Path plugins;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, TaskEnv> envs = new LinkedHashMap<>();
  private final Map<String, TaskJob> jobs = new LinkedHashMap<>();
  private final Map<String, TaskNote> planNotes = new LinkedHashMap<>();
  private ConsoleReporter.Detail detail = ConsoleReporter.Detail.NORMAL;
  private boolean live;

  private void job(String name, String... command) {
    job(name, Optional.empty(), command);
  }

  private void job(String name, Optional<String> env, String... command) {
    job(name, env, Optional.empty(), 0, command);
  }

  private void job(
      String name, Optional<String> env, Optional<String> note, int retries, String... command) {
    jobs.put(
        name,
        new TaskJob(
            name,
            List.of(),
            env,
            note,
            Arrays.asList(command),
            false,
            Duration.ofSeconds(30),
            retries,
            Duration.ZERO,
            PLAN_FILE));
  }

  private int run(int parallel, boolean quiet, boolean dryRun, Optional<Path> report)
      throws InterruptedException {
    TaskPlan plan = new TaskPlan(List.of(PLAN_FILE), List.of(), envs, planNotes, jobs, Map.of());
    PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream problems = new PrintStream(err, true, StandardCharsets.UTF_8);
    Runner runner =
        Runner.builder()
            .runId("run-1")
            .parallel(parallel)
            .workDir(work)
            .root(work)
            .pluginsDir(plugins)
            .environment(Map.of("PATH", System.getenv("PATH")))
            .killGrace(Duration.ofMillis(500))
            .console(console)
            .warnings(w -> problems.println("warning: " + w))
            .build();
    runner.listen(
        new ConsoleReporter(
            console,
            runner.masker(),
            ConsoleReporter.Style.PLAIN,
            quiet ? ConsoleReporter.Detail.QUIET : detail,
            "run-1",
            work.resolve("runs/run-1"),
            live));
    try (runner) {
      RunSession session = new RunSession(console, problems);
      return dryRun ? session.dryRun(runner, plan) : session.run(runner, plan, report);
    }
  }

  /** A note of the sample plugin's class whose every delivery fails, naming its (secret) token. */
  private void failingNote(String name) throws Exception {
    TestPluginJar.write(plugins, "sample-note", "sample.jar", SampleNote.class);
    planNotes.put(
        name,
        new TaskNote(
            name,
            "Sample",
            List.of(),
            List.of(),
            Map.of("fail", true, "token", "s3cret-token"),
            PLAN_FILE));
  }

  /** Console text with durations made stable and the work dir shown as WORK. */
  private String console() {
    return out.toString(StandardCharsets.UTF_8)
        .replaceAll("\\d+\\.\\ds", "N.Ns")
        .replace(work.toString(), "WORK");
  }

  @Test
  void linesComeInPlanOrderEvenWhenALaterJobFinishesFirst() throws Exception {
    job("slow", "sh", "-c", "sleep 1; echo slow");
    job("fast", "echo", "fast");

    int code = run(2, false, false, Optional.empty());

    assertThat(code).isEqualTo(ExitCode.OK);
    assertThat(console())
        .isEqualTo(
            "ox_task: run run-1, 2 jobs; logs in WORK/runs/run-1/\n"
                + "✓ slow  success   N.Ns\n✓ fast  success   N.Ns\n"
                + "ox_task: 2 jobs in N.Ns: 2 success\n");
  }

  @Test
  void failedJobShowsItsErrorAndOutputTailAndExitsOne() throws Exception {
    job("ok", "true");
    job("broken", "sh", "-c", "echo working; echo it broke >&2; exit 2");

    int code = run(1, false, false, Optional.empty());

    assertThat(code).isEqualTo(ExitCode.FAILED);
    assertThat(console())
        .isEqualTo(
            "ox_task: run run-1, 2 jobs; logs in WORK/runs/run-1/\n"
                + "✓ ok      success   N.Ns\n"
                + "✗ broken  failed    N.Ns  exited with code 2\n"
                + "  stdout (WORK/runs/run-1/broken.stdout):\n  | working\n"
                + "  stderr (WORK/runs/run-1/broken.stderr):\n  | it broke\n"
                + "ox_task: 2 jobs in N.Ns: 1 success, 1 failed\n");
  }

  @Test
  void quietShowsOnlyWhatWentWrong() throws Exception {
    job("ok", "true");
    job("bad", "false");

    run(1, true, false, Optional.empty());

    assertThat(console()).isEqualTo("✗ bad  failed    N.Ns  exited with code 1\n");
  }

  @Test
  void reportIsWrittenWhenJobsFailWithEveryFieldInSnakeCase() throws Exception {
    job("bad", "sh", "-c", "echo oops; exit 5");
    Path report = work.resolve("out/report.json");

    int code = run(1, false, false, Optional.of(report));

    assertThat(code).isEqualTo(ExitCode.FAILED);
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.get("succeeded").asBoolean()).isFalse();
    assertThat(json.get("interrupted").asBoolean()).isFalse();
    JsonNode job = json.get("jobs").get(0);
    assertThat(job.fieldNames())
        .toIterable()
        .containsExactly(
            "job",
            "status",
            "exit_code",
            "output",
            "stderr",
            "command",
            "cwd",
            "started_at",
            "duration_s",
            "attempts",
            "error",
            "output_truncated",
            "stderr_truncated",
            "log_files",
            "note_error");
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.get("exit_code").asInt()).isEqualTo(5);
    assertThat(job.get("output").asText()).isEqualTo("oops\n");
    assertThat(job.get("error").asText()).isEqualTo("exited with code 5");
    assertThat(job.get("note_error").isNull()).isTrue();
    assertThat(job.get("log_files")).hasSize(2);
  }

  @Test
  void valueTheOsRejectsMakesOneJobAnErrorAndTheReportIsStillWritten() throws Exception {
    envs.put(
        "bad",
        new TaskEnv(
            "bad",
            List.of(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Map.of("NUL", "`printf 'a\\000b'`"),
            List.of(),
            PLAN_FILE));
    job("broken", Optional.of("bad"), "echo", "$NUL");
    job("fine", "echo", "ran");
    Path report = work.resolve("report.json");

    int code = run(2, false, false, Optional.of(report));

    assertThat(code).isEqualTo(ExitCode.FAILED);
    JsonNode jobs = new ObjectMapper().readTree(report.toFile()).get("jobs");
    assertThat(jobs.get(0).get("status").asText()).isEqualTo("error");
    assertThat(jobs.get(0).get("error").asText())
        .isEqualTo(
            "variable 'NUL': `printf 'a\\000b'` printed a NUL character, which no environment"
                + " variable can hold");
    assertThat(jobs.get(1).get("status").asText()).isEqualTo("success");
  }

  @Test
  void noteFailureIsShownReportedAndMakesTheExitCodeOne() throws Exception {
    failingNote("chat");
    job("fine", Optional.empty(), Optional.of("chat"), 0, "true");
    Path report = work.resolve("report.json");

    int code = run(1, false, false, Optional.of(report));

    assertThat(code).isEqualTo(ExitCode.FAILED);
    assertThat(console())
        .isEqualTo(
            "ox_task: run run-1, 1 job; logs in WORK/runs/run-1/\n"
                + "✓ fine  success   N.Ns\n"
                + "  note failed: note 'chat' (Sample) failed: plugin sample-note 2.0.1 (sample.jar) threw"
                + " java.lang.IllegalStateException: sample failed for ***\n"
                + "ox_task: 1 job in N.Ns: 1 success; 1 note failed\n");
    JsonNode job = new ObjectMapper().readTree(report.toFile()).get("jobs").get(0);
    assertThat(job.get("note_error").asText())
        .isEqualTo(
            "note 'chat' (Sample) failed: plugin sample-note 2.0.1 (sample.jar) threw"
                + " java.lang.IllegalStateException: sample failed for ***");
  }

  @Test
  void secretsAreMaskedOnTheConsoleAndInTheReport() throws Exception {
    envs.put(
        "prod",
        new TaskEnv(
            "prod",
            List.of(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Map.of("API_TOKEN", "s3cr3t-value"),
            List.of("API_TOKEN"),
            PLAN_FILE));
    job("leaky", Optional.of("prod"), "sh", "-c", "echo $API_TOKEN; exit 1");
    Path report = work.resolve("report.json");

    run(1, false, false, Optional.of(report));

    assertThat(console()).doesNotContain("s3cr3t-value").contains("  | ***\n");
    assertThat(Files.readString(report)).doesNotContain("s3cr3t-value");
  }

  @Test
  void dryRunShowsResolvedCommandsWithSecretsMaskedAndRunsNothing() throws Exception {
    envs.put(
        "prod",
        new TaskEnv(
            "prod",
            List.of(),
            Optional.empty(),
            List.of(),
            Optional.of("site"),
            Map.of("API_TOKEN", "s3cr3t-value"),
            List.of("API_TOKEN"),
            PLAN_FILE));
    Path touched = work.resolve("touched");
    job("deploy", Optional.of("prod"), "sh", "-c", "touch " + touched, "--token=$API_TOKEN");

    int code = run(1, false, true, Optional.empty());

    assertThat(code).isEqualTo(ExitCode.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "deploy\n"
                + "  cwd:     "
                + work.resolve("site")
                + "\n"
                + "  command: sh -c 'touch "
                + touched
                + "' '--token=***'\n"
                + "  note:    none (console only)\n"
                + "ox_task: dry run: 1 job shown, nothing run\n");
    assertThat(touched).doesNotExist();
  }

  @Test
  void colourOnlyOnATerminalAndNeverWithNoColor() {
    assertThat(ConsoleReporter.Style.detect(true, Map.of()).colour()).isTrue();
    assertThat(ConsoleReporter.Style.detect(false, Map.of()).colour()).isFalse();
    assertThat(ConsoleReporter.Style.detect(true, Map.of("NO_COLOR", "1")).colour()).isFalse();
    assertThat(ConsoleReporter.Style.detect(true, Map.of("NO_COLOR", "")).colour()).isTrue();
  }

  @Test
  void quietShowsAFailedNoteWithItsJobsLine() throws Exception {
    failingNote("chat");
    job("fine", Optional.empty(), Optional.of("chat"), 0, "true");

    run(1, true, false, Optional.empty());

    assertThat(console())
        .isEqualTo(
            "✓ fine  success   N.Ns\n"
                + "  note failed: note 'chat' (Sample) failed: plugin sample-note 2.0.1 (sample.jar) threw"
                + " java.lang.IllegalStateException: sample failed for ***\n");
  }

  @Test
  void aRetriedJobsLineShowsHowManyAttemptsItTook() throws Exception {
    job("flaky", Optional.empty(), Optional.empty(), 2, "false");

    run(1, true, false, Optional.empty());

    assertThat(console()).isEqualTo("✗ flaky  failed    N.Ns (3 attempts)  exited with code 1\n");
  }

  @Test
  void aFailedJobsTailIsCappedInCharactersAndNamesItsFullLog() throws Exception {
    job("big", "sh", "-c", "printf 'start'; head -c 100000 /dev/zero | tr '\\0' x; exit 1");

    run(1, true, false, Optional.empty());

    List<String> lines = console().lines().toList();
    assertThat(lines.get(1))
        .isEqualTo("  stdout (last 2000 characters; all of it in WORK/runs/run-1/big.stdout):");
    assertThat(lines.get(2)).isEqualTo("  | …" + "x".repeat(2000));
    assertThat(lines).hasSize(3);
  }

  @Test
  void outputShowsTheStartOfEachSuccessfulJobsOutputAsTheOriginalDid() throws Exception {
    job("count", "seq", "1", "8");
    job("short", "echo", "hello");
    detail = ConsoleReporter.Detail.OUTPUT;

    run(1, false, false, Optional.empty());

    assertThat(console())
        .contains(
            "✓ count  success   N.Ns\n"
                + "  Output: 1\n          2\n          3\n          4\n          5\n"
                + "          6...\n"
                + "✓ short  success   N.Ns\n"
                + "  Output: hello\n");
  }

  @Test
  void dryRunShowsEachJobsNoteAndMarksBacktickValues() throws Exception {
    envs.put(
        "build",
        new TaskEnv(
            "build",
            List.of(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Map.of("VERSION", "`git rev-parse --short HEAD`"),
            List.of(),
            PLAN_FILE));
    planNotes.put(
        "chat",
        new TaskNote(
            "chat",
            "Sample",
            List.of(),
            List.of(Condition.ONLY_IF_FAILED),
            Map.of("token", "$TOKEN"),
            PLAN_FILE));
    TestPluginJar.write(plugins, "sample-note", "sample.jar", SampleNote.class);
    job("release", Optional.of("build"), Optional.of("chat"), 0, "echo", "$VERSION");

    run(1, false, true, Optional.empty());

    assertThat(console())
        .contains("  note:    chat (Sample, only_if_failed)\n")
        .contains("  VERSION: `git rev-parse --short HEAD` (evaluated at run time)\n");
  }

  @Test
  void onATerminalAStatusLineNamesTheRunningJobsAndIsErasedBeforeEachLine() throws Exception {
    job("slow", "sleep", "1");
    job("fast", "true");
    live = true;

    run(1, false, false, Optional.empty());

    String shown = out.toString(StandardCharsets.UTF_8);
    assertThat(shown)
        .contains("⋯ running: slow 0s")
        .containsPattern("⋯ running: [^\r]*fast \\ds")
        .contains(ConsoleReporter.CLEAR_LINE + "✓ slow  success")
        .contains(ConsoleReporter.CLEAR_LINE + "✓ fast  success")
        .endsWith(" 2 success\n");
    // Every status line is erased: none is left between the last job and the summary.
    assertThat(Arrays.stream(shown.split("\n")).filter(l -> l.contains("running:")))
        .allMatch(l -> l.lastIndexOf(ConsoleReporter.CLEAR_LINE) > l.lastIndexOf("running:"));
  }

  @Test
  void withoutATerminalThereIsNoStatusLine() throws Exception {
    job("slow", "sleep", "1");

    run(1, false, false, Optional.empty());

    assertThat(out.toString(StandardCharsets.UTF_8))
        .doesNotContain("running:")
        .doesNotContain("\u001b");
  }
}
