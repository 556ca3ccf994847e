package dev.oxtask.core.run;

import static dev.oxtask.core.run.Plans.inEnv;
import static dev.oxtask.core.run.Plans.job;
import static dev.oxtask.core.run.Plans.plan;
import static dev.oxtask.core.run.Plans.shell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.text.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {

  @TempDir Path work;
  @TempDir Path root;

  private RunOptions options;
  private final SecretMasker masker = new SecretMasker();

  @BeforeEach
  void setUp() {
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", System.getenv("PATH"));
    environment.put("RUNNER_VAR", "from the runner");
    options =
        RunOptions.builder(
                work,
                root,
                env -> {
                  throw new AssertionError("no venv expected for " + env.name());
                })
            .runId("run-1")
            .environment(environment)
            .killGrace(Duration.ofMillis(500))
            .build();
  }

  private List<JobResult> run(TaskPlan plan) throws InterruptedException {
    return new Engine(options, masker)
        .run(plan, List.copyOf(plan.jobs().values()), RunListener.NONE).outcomes().stream()
            .map(JobOutcome::result)
            .toList();
  }

  private JobResult runOne(TaskPlan plan) throws InterruptedException {
    return run(plan).get(0);
  }

  @Test
  void jobsWhoseNamesMakeTheSameFileNameKeepSeparateLogsAndFolders() throws Exception {
    List<JobResult> results =
        run(
            plan()
                .add(shell("deploy prod", "echo first; pwd >&2"))
                .add(shell("deploy_prod", "echo second; pwd >&2"))
                .build());

    Path logs = work.resolve("runs/run-1");
    String hashed = "deploy_prod-" + String.format("%08x", crc32("deploy prod"));
    assertThat(results.get(0).logFiles())
        .containsExactly(logs.resolve(hashed + ".stdout"), logs.resolve(hashed + ".stderr"));
    assertThat(results.get(0).cwd()).hasValue(work.resolve("jobs/" + hashed));
    assertThat(logs.resolve(hashed + ".stdout")).hasContent("first");
    assertThat(results.get(1).cwd()).hasValue(work.resolve("jobs/deploy_prod"));
    assertThat(logs.resolve("deploy_prod.stdout")).hasContent("second");
    assertThat(logs.resolve("deploy_prod.stderr"))
        .hasContent(work.resolve("jobs/deploy_prod").toString());
  }

  private static long crc32(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  @Test
  void backtickPrintingANulCharacterMakesOnlyItsJobAnError() throws Exception {
    List<JobResult> results =
        run(
            plan()
                .env("e", Optional.empty(), List.of(), "VALUE", "`printf 'a\\000b'`")
                .add(inEnv(job("nul", Duration.ofSeconds(30), "echo", "$VALUE"), "e"))
                .job("other", "echo", "ran")
                .build());

    assertThat(results.get(0).status()).isEqualTo(JobStatus.ERROR);
    assertThat(results.get(0).error())
        .hasValue(
            "variable 'VALUE': `printf 'a\\000b'` printed a NUL character, which no environment"
                + " variable can hold");
    assertThat(results.get(1).status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(results.get(1).output()).isEqualTo("ran\n");
  }

  @Test
  void variableNameTheOsRejectsMakesOnlyItsJobAnErrorWhileOthersRunInParallel() throws Exception {
    String marker = Processes.marker();
    options = options.toBuilder().parallel(2).build();
    List<JobResult> results =
        run(
            plan()
                .env("bad", Optional.empty(), List.of(), "A=B", "1")
                .add(job("slow", Duration.ofSeconds(30), "sh", "-c", "sleep 0.5; echo slow"))
                .add(inEnv(job("broken", Duration.ofSeconds(30), "sleep", marker), "bad"))
                .build());

    assertThat(results.get(0).status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(results.get(1).status()).isEqualTo(JobStatus.ERROR);
    assertThat(results.get(1).error())
        .hasValue(
            "could not start sleep: its environment holds a variable no process can get (a name"
                + " with '=' or a NUL character in a name or value)");
    assertThat(Processes.withMarker(marker)).isEmpty();
  }

  @Test
  void argumentListTooLongNamesTheJobsProgram() throws Exception {
    // One argument longer than the kernel's limit for a single string (128 KiB): E2BIG.
    JobResult result = runOne(plan().job("huge", "echo", "x".repeat(200_000)).build());

    assertThat(result.status()).isEqualTo(JobStatus.ERROR);
    assertThat(result.error().orElseThrow())
        .startsWith("could not start echo: Cannot run program \"echo\"")
        .contains("Argument list too long")
        .doesNotContain("setsid");
  }

  @Test
  void successfulJobHasEveryFieldAndItsLogFiles() throws Exception {
    JobResult result = runOne(plan().job("hello", "sh", "-c", "echo out; echo err >&2").build());

    assertThat(result.job()).isEqualTo("hello");
    assertThat(result.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(result.exitCode()).hasValue(0);
    assertThat(result.output()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
    assertThat(result.command()).containsExactly("sh", "-c", "echo out; echo err >&2");
    assertThat(result.cwd()).hasValue(work.resolve("jobs/hello"));
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.error()).isEmpty();
    assertThat(result.outputTruncated()).isFalse();
    assertThat(result.stderrTruncated()).isFalse();
    Path logs = work.resolve("runs/run-1");
    assertThat(result.logFiles())
        .containsExactly(logs.resolve("hello.stdout"), logs.resolve("hello.stderr"));
    assertThat(logs.resolve("hello.stdout")).hasContent("out");
    assertThat(logs.resolve("hello.stderr")).hasContent("err");
  }

  @Test
  void failingJobIsFailedWithItsExitCodeAndLaterJobsStillRun() throws Exception {
    List<JobResult> results =
        run(plan().job("bad", "sh", "-c", "exit 3").job("good", "true").build());

    assertThat(results.get(0).status()).isEqualTo(JobStatus.FAILED);
    assertThat(results.get(0).exitCode()).hasValue(3);
    assertThat(results.get(0).error()).hasValue("exited with code 3");
    assertThat(results.get(1).status()).isEqualTo(JobStatus.SUCCESS);
  }

  @Test
  void environmentHasRunnerVariablesAndOxTaskVariables() throws Exception {
    JobResult result =
        runOne(
            plan()
                .job(
                    "env",
                    "sh",
                    "-c",
                    "echo $RUNNER_VAR; echo $OX_TASK_JOB_NAME; echo $OX_TASK_PLAN_DIR;"
                        + " echo $OX_TASK_RUN_ID; echo $OX_TASK_WORK_DIR; echo $OX_TASK_LOG_DIR")
                .build());

    assertThat(result.output())
        .isEqualTo(
            "from the runner\nenv\n/plans\nrun-1\n"
                + work.resolve("jobs/env")
                + "\n"
                + work.resolve("logs")
                + "\n");
  }

  @Test
  void variablesAreEvaluatedInOrderAndSubstitutedIntoTheCommand() throws Exception {
    TaskPlan plan =
        plan()
            .env(
                "e",
                Optional.empty(),
                List.of(),
                "A",
                "alpha",
                "B",
                "${A}-beta",
                "C",
                "$B $$A $UNKNOWN")
            .add(
                inEnv(
                    job("subst", Duration.ofSeconds(30), "echo", "$C", "${OX_TASK_JOB_NAME}"), "e"))
            .build();

    JobResult result = runOne(plan);

    assertThat(result.output()).isEqualTo("alpha-beta $A $UNKNOWN subst\n");
    assertThat(result.command()).containsExactly("echo", "alpha-beta $A $UNKNOWN", "subst");
  }

  @Test
  void backtickRunsInTheRootFolderWithEarlierVariablesAndIsStripped() throws Exception {
    TaskPlan plan =
        plan()
            .env(
                "e",
                Optional.empty(),
                List.of(),
                "NAME",
                "world",
                "GREETING",
                "`echo \"  hello $NAME from $(basename $PWD)  \"`")
            .add(inEnv(job("greet", Duration.ofSeconds(30), "echo", "$GREETING"), "e"))
            .build();

    assertThat(runOne(plan).output()).isEqualTo("hello world from " + root.getFileName() + "\n");
  }

  @Test
  void backtickIsEvaluatedAnewForEveryJob() throws Exception {
    Path counter = root.resolve("count");
    TaskPlan plan =
        plan()
            .env(
                "e",
                Optional.empty(),
                List.of(),
                "N",
                "`echo x >> " + counter + "; wc -l < " + counter + "`")
            .add(inEnv(job("one", Duration.ofSeconds(30), "echo", "$N"), "e"))
            .add(inEnv(job("two", Duration.ofSeconds(30), "echo", "$N"), "e"))
            .build();

    List<JobResult> results = run(plan);

    assertThat(results.get(0).output().strip()).isEqualTo("1");
    assertThat(results.get(1).output().strip()).isEqualTo("2");
  }

  @Test
  void failingBacktickIsAnErrorNamingTheVariableWithItsStderr() throws Exception {
    TaskPlan plan =
        plan()
            .env("e", Optional.empty(), List.of(), "TOKEN", "`echo no vault here >&2; exit 4`")
            .add(inEnv(job("deploy", Duration.ofSeconds(30), "true"), "e"))
            .job("after", "true")
            .build();

    List<JobResult> results = run(plan);

    assertThat(results.get(0).status()).isEqualTo(JobStatus.ERROR);
    assertThat(results.get(0).error())
        .hasValue(
            "variable 'TOKEN': `echo no vault here >&2; exit 4` exited with 4: no vault here");
    assertThat(results.get(0).attempts()).isZero();
    assertThat(results.get(0).exitCode()).isEmpty();
    assertThat(results.get(1).status()).isEqualTo(JobStatus.SUCCESS);
  }

  @Test
  void hangingBacktickObeysTheJobsTimeoutAndLeavesNothingRunning() throws Exception {
    String marker = Processes.marker();
    TaskPlan plan =
        plan()
            .env("e", Optional.empty(), List.of(), "SLOW", "`sleep " + marker + "`")
            .add(inEnv(job("slow", Duration.ofSeconds(1), "true"), "e"))
            .build();

    JobResult result = runOne(plan);

    assertThat(result.status()).isEqualTo(JobStatus.ERROR);
    assertThat(result.error())
        .hasValue(
            "variable 'SLOW': `sleep "
                + marker
                + "` did not finish within the job's timeout of 1s");
    assertThat(Processes.withMarker(marker)).isEmpty();
  }

  @Test
  void listCommandIsExecutedWithoutAShell() throws Exception {
    JobResult result = runOne(plan().job("literal", "echo", "$(date)", "a  b", "*").build());

    assertThat(result.output()).isEqualTo("$(date) a  b *\n");
  }

  @Test
  void shellJobRunsThroughBinShWithElementsJoined() throws Exception {
    JobResult result = runOne(plan().add(shell("sh", "echo one | tr o O; echo $((1+2))")).build());

    assertThat(result.output()).isEqualTo("One\n3\n");
    assertThat(result.command())
        .containsExactly("/bin/sh", "-c", "echo one | tr o O; echo $((1+2))");
  }

  @Test
  void stdinIsEmpty() throws Exception {
    JobResult result = runOne(plan().job("reader", "sh", "-c", "cat; echo read-done").build());

    assertThat(result.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(result.output()).isEqualTo("read-done\n");
  }

  @Test
  void envPathIsResolvedAgainstTheRoot() throws Exception {
    Files.createDirectories(root.resolve("site/docs"));
    TaskPlan plan =
        plan()
            .env("e", Optional.of("site/docs"), List.of())
            .add(inEnv(job("pwd", Duration.ofSeconds(30), "pwd"), "e"))
            .build();

    JobResult result = runOne(plan);

    assertThat(result.output()).isEqualTo(root.resolve("site/docs").toRealPath() + "\n");
    assertThat(result.cwd()).hasValue(root.resolve("site/docs"));
  }

  @Test
  void missingEnvPathIsAnError() throws Exception {
    TaskPlan plan =
        plan()
            .env("e", Optional.of("nowhere"), List.of())
            .add(inEnv(job("lost", Duration.ofSeconds(30), "pwd"), "e"))
            .build();

    JobResult result = runOne(plan);

    assertThat(result.status()).isEqualTo(JobStatus.ERROR);
    assertThat(result.error())
        .hasValue(
            "path 'nowhere' of env 'e' is not a directory: "
                + root.resolve("nowhere")
                + " (env paths are resolved against --root "
                + root
                + ")");
  }

  @Test
  void unknownProgramIsAnErrorSayingSo() throws Exception {
    JobResult result = runOne(plan().job("typo", "definitely-no-such-program-x").build());

    assertThat(result.status()).isEqualTo(JobStatus.ERROR);
    assertThat(result.error())
        .hasValue(
            "unknown program 'definitely-no-such-program-x': no executable of that name on"
                + " the job's PATH ("
                + System.getenv("PATH")
                + "); install it, give its full path,"
                + " or set \"shell\": true for a shell built-in");
  }

  @Test
  void nonExecutableFileIsAnErrorSayingHowToFixIt() throws Exception {
    Path script = root.resolve("script.sh");
    Files.writeString(script, "#!/bin/sh\necho hi\n");

    JobResult result = runOne(plan().job("noexec", script.toString()).build());

    assertThat(result.status()).isEqualTo(JobStatus.ERROR);
    assertThat(result.error())
        .hasValue("program '" + script + "' is not executable: run chmod +x " + script);
  }

  @Test
  void missingProgramPathIsAnError() throws Exception {
    JobResult result = runOne(plan().job("gone", "./bin/tool").build());

    assertThat(result.error())
        .hasValue(
            "program './bin/tool' not found: "
                + work.resolve("jobs/gone/bin/tool")
                + " does not exist");
  }

  @Test
  void theNoteHearsTheStartBeforeTheProcessRunsAndTheResultAfter() throws Exception {
    Path marker = root.resolve("ran");
    List<String> heard = new CopyOnWriteArrayList<>();
    options = options.toBuilder().notes(recording(heard, marker)).build();
    TaskPlan plan =
        plan()
            .job("ok", "touch", marker.toString())
            .job("broken", "sh", "-c", "exit 3")
            .env("e", Optional.of("nowhere"), List.of())
            .add(inEnv(job("lost", Duration.ofSeconds(30), "pwd"), "e"))
            .build();

    run(plan);

    // A job that could not be set up never started: its note hears only the result. Results are
    // delivered in the background, so only each job's own order (start, then result) is fixed.
    assertThat(heard)
        .containsExactlyInAnyOrder(
            "started ok (process ran: false)",
            "finished ok success",
            "started broken (process ran: true)",
            "finished broken failed",
            "finished lost error");
    assertThat(heard.indexOf("started ok (process ran: false)"))
        .isLessThan(heard.indexOf("finished ok success"));
    assertThat(heard.indexOf("started broken (process ran: true)"))
        .isLessThan(heard.indexOf("finished broken failed"));
  }

  private static NoteDelivery recording(List<String> heard, Path marker) {
    return new NoteDelivery() {
      @Override
      public Optional<String> deliver(
          TaskJob job, JobResult result, Map<String, String> environment) {
        heard.add("finished " + job.name() + " " + result.status().key());
        return Optional.empty();
      }

      @Override
      public void jobStarting(TaskJob job, Map<String, String> environment) {
        heard.add("started " + job.name() + " (process ran: " + Files.exists(marker) + ")");
      }
    };
  }
}
