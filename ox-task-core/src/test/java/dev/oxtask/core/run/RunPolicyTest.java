package dev.oxtask.core.run;

import static dev.oxtask.core.run.Plans.job;
import static dev.oxtask.core.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.run.PythonEnvs.EnvSetupException;
import dev.oxtask.core.text.SecretMasker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Retries, fail-fast, parallel runs, venvs and notes. */
class RunPolicyTest {

  @TempDir Path work;

  private RunOptions options =
      RunOptions.builder(Path.of("."), Path.of("."), env -> Path.of("/unused")).build();

  private RunResult run(TaskPlan plan, RunListener listener) throws InterruptedException {
    return engine().run(plan, List.copyOf(plan.jobs().values()), listener);
  }

  private Engine engine() {
    RunOptions o =
        new RunOptions(
            work,
            work,
            "r",
            Map.of("PATH", System.getenv("PATH")),
            options.parallel(),
            options.failFast(),
            Duration.ofMillis(500),
            options.outputLimit(),
            options.pythonEnvs(),
            options.notes());
    return new Engine(o, new SecretMasker());
  }

  private List<JobResult> results(TaskPlan plan) throws InterruptedException {
    return run(plan, RunListener.NONE).outcomes().stream().map(JobOutcome::result).toList();
  }

  @Test
  void failingJobIsRetriedAndEachAttemptIsLogged() throws Exception {
    Path count = work.resolve("count");
    TaskJob flaky =
        Plans.withRetries(
            job(
                "flaky",
                Duration.ofSeconds(30),
                "sh",
                "-c",
                "echo try >> " + count + "; echo attempt; exit 2"),
            2,
            Duration.ofMillis(50));

    JobResult result = results(plan().add(flaky).build()).get(0);

    assertThat(result.status()).isEqualTo(JobStatus.FAILED);
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(Files.readAllLines(count)).hasSize(3);
    assertThat(result.output()).isEqualTo("attempt\n");
    assertThat(work.resolve("runs/r/flaky.stdout"))
        .hasContent(
            "attempt\n\n--- ox_task: attempt 2 ---\nattempt\n\n--- ox_task: attempt 3 ---\nattempt");
  }

  @Test
  void retryStopsAtTheFirstSuccess() throws Exception {
    Path marker = work.resolve("seen");
    TaskJob second =
        Plans.withRetries(
            job(
                "second",
                Duration.ofSeconds(30),
                "sh",
                "-c",
                "test -e " + marker + " || { touch " + marker + "; exit 1; }"),
            5,
            Duration.ofMillis(50));

    JobResult result = results(plan().add(second).build()).get(0);

    assertThat(result.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.error()).isEmpty();
  }

  @Test
  void timedOutJobIsRetriedToo() throws Exception {
    TaskJob slow =
        Plans.withRetries(
            job("slow", Duration.ofMillis(300), "sleep", "5"), 1, Duration.ofMillis(10));

    JobResult result = results(plan().add(slow).build()).get(0);

    assertThat(result.status()).isEqualTo(JobStatus.TIMEOUT);
    assertThat(result.attempts()).isEqualTo(2);
  }

  @Test
  void failFastSkipsTheJobsAfterTheFirstFailure() throws Exception {
    options = options.toBuilder().failFast(true).build();

    List<JobResult> results =
        results(plan().job("ok", "true").job("bad", "false").job("never", "true").build());

    assertThat(results)
        .extracting(JobResult::status)
        .containsExactly(JobStatus.SUCCESS, JobStatus.FAILED, JobStatus.SKIPPED);
    assertThat(results.get(2).error())
        .hasValue("not started: an earlier job did not succeed and --fail-fast is set");
    assertThat(results.get(2).attempts()).isZero();
  }

  @Test
  void parallelJobsRunAtOnceAndAreReportedInPlanOrder() throws Exception {
    options = options.toBuilder().parallel(4).build();
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    TaskPlan plan =
        plan()
            .job("a", "sleep", "2")
            .job("b", "sleep", "2")
            .job("c", "sleep", "2")
            .job("d", "sleep", "2")
            .build();

    long start = System.nanoTime();
    RunResult result =
        run(
            plan,
            new RunListener() {
              @Override
              public void jobFinished(JobOutcome outcome) {
                heard.add(outcome.result().job());
              }
            });
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(7));
    assertThat(heard).containsExactly("a", "b", "c", "d");
    assertThat(result.outcomes()).allMatch(o -> o.result().status() == JobStatus.SUCCESS);
  }

  @Test
  void venvBinComesFirstOnPathAndVirtualEnvIsSet() throws Exception {
    Path venv = work.resolve("venv");
    Files.createDirectories(venv.resolve("bin"));
    Path python = venv.resolve("bin/ox-fake-python");
    Files.writeString(python, "#!/bin/sh\necho fake python \"$@\"\n");
    python.toFile().setExecutable(true);
    options =
        new RunOptions(
            work,
            work,
            "r",
            Map.of(),
            1,
            false,
            Duration.ZERO,
            OutputLimit.DEFAULT,
            env -> venv,
            NoteDelivery.NONE);
    TaskEnv py =
        new TaskEnv(
            "py",
            List.of(),
            Optional.of("python3"),
            List.of(),
            Optional.empty(),
            Map.of(),
            List.of(),
            Plans.PLAN_FILE);
    TaskPlan plan =
        plan()
            .add(py)
            .add(
                Plans.inEnv(
                    job("script", Duration.ofSeconds(30), "ox-fake-python", "$VIRTUAL_ENV"), "py"))
            .build();

    JobResult result = results(plan).get(0);

    assertThat(result.output()).isEqualTo("fake python " + venv + "\n");
  }

  @Test
  void venvThatCannotBeBuiltIsAnErrorWithItsMessage() throws Exception {
    options =
        new RunOptions(
            work,
            work,
            "r",
            Map.of(),
            1,
            false,
            Duration.ZERO,
            OutputLimit.DEFAULT,
            env -> {
              throw new EnvSetupException("pip install failed: no matching distribution for nope");
            },
            NoteDelivery.NONE);
    TaskEnv py =
        new TaskEnv(
            "py",
            List.of(),
            Optional.empty(),
            List.of("nope"),
            Optional.empty(),
            Map.of(),
            List.of(),
            Plans.PLAN_FILE);
    TaskPlan plan =
        plan()
            .add(py)
            .add(Plans.inEnv(job("script", Duration.ofSeconds(30), "true"), "py"))
            .job("other", "true")
            .build();

    List<JobResult> results = results(plan);

    assertThat(results.get(0).status()).isEqualTo(JobStatus.ERROR);
    assertThat(results.get(0).error())
        .hasValue("pip install failed: no matching distribution for nope");
    assertThat(results.get(1).status()).isEqualTo(JobStatus.SUCCESS);
  }

  @Test
  void notesGetTheResultAndEnvironmentAndTheirFailuresAreRecorded() throws Exception {
    List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    options =
        options.toBuilder()
            .notes(
                (job, result, environment) -> {
                  delivered.add(
                      job.name()
                          + ":"
                          + result.status().key()
                          + ":"
                          + environment.get("OX_TASK_JOB_NAME"));
                  return job.name().equals("b")
                      ? Optional.of("slack said 404 channel_not_found")
                      : Optional.empty();
                })
            .build();

    RunResult result =
        run(
            plan()
                .add(Plans.withNote(job("a", Duration.ofSeconds(30), "true"), "n"))
                .add(Plans.withNote(job("b", Duration.ofSeconds(30), "false"), "n"))
                .build(),
            RunListener.NONE);

    assertThat(delivered).containsExactly("a:success:a", "b:failed:b");
    assertThat(result.outcomes().get(0).noteFailure()).isEmpty();
    assertThat(result.outcomes().get(1).noteFailure()).hasValue("slack said 404 channel_not_found");
    assertThat(result.allSucceeded()).isFalse();
  }

  @Test
  void aNoteBeingSentDoesNotHoldUpTheNextJob() throws Exception {
    Path released = work.resolve("released");
    options =
        options.toBuilder()
            .notes(
                (job, result, environment) -> {
                  if (!job.name().equals("first")) {
                    return Optional.empty();
                  }
                  // Delivered only once the next job has run: it creates the file.
                  return waitFor(released)
                      ? Optional.empty()
                      : Optional.of("the next job never ran while this note was being sent");
                })
            .build();

    RunResult result =
        run(
            plan()
                .add(Plans.withNote(job("first", Duration.ofSeconds(30), "true"), "n"))
                .add(job("second", Duration.ofSeconds(30), "touch", released.toString()))
                .build(),
            RunListener.NONE);

    assertThat(result.outcomes()).allMatch(o -> o.noteFailure().isEmpty());
    assertThat(result.allSucceeded()).isTrue();
  }

  @Test
  void aNoteGetsItsResultsInPlanOrderEvenWhenParallelJobsFinishOutOfOrder() throws Exception {
    options = options.toBuilder().parallel(2).build();
    List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    options =
        options.toBuilder()
            .notes(
                (job, result, environment) -> {
                  delivered.add(job.name());
                  return Optional.empty();
                })
            .build();

    run(
        plan()
            .add(Plans.withNote(job("slow", Duration.ofSeconds(30), "sleep", "1"), "n"))
            .add(Plans.withNote(job("fast", Duration.ofSeconds(30), "true"), "n"))
            .build(),
        RunListener.NONE);

    assertThat(delivered).containsExactly("slow", "fast");
  }

  @Test
  void theRunWaitsForANoteStillBeingSentAndSaysWhichOne() throws Exception {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch jobsDone = new CountDownLatch(1);
    options =
        options.toBuilder()
            .notes(
                (job, result, environment) -> {
                  await(jobsDone);
                  return Optional.of("slack said 500");
                })
            .build();

    RunResult result =
        run(
            plan().add(Plans.withNote(job("a", Duration.ofSeconds(30), "true"), "chat")).build(),
            new RunListener() {
              @Override
              public void jobFinished(JobOutcome outcome) {
                heard.add("finished " + outcome.result().job());
              }

              @Override
              public void waitingForNote(TaskJob job) {
                heard.add("waiting for " + job.note().orElseThrow() + " of " + job.name());
                jobsDone.countDown();
              }

              @Override
              public void noteFailed(JobOutcome outcome) {
                heard.add("note failed: " + outcome.noteFailure().orElseThrow());
              }
            });

    assertThat(heard)
        .containsExactly("finished a", "waiting for chat of a", "note failed: slack said 500");
    assertThat(result.outcomes().get(0).noteFailure()).hasValue("slack said 500");
  }

  @Test
  @Timeout(30)
  void anInterruptedRunWaitsOnlyBrieflyForANoteThatNeverAnswers() throws Exception {
    CountDownLatch sending = new CountDownLatch(1);
    options =
        options.toBuilder()
            .notes(
                (job, result, environment) -> {
                  sending.countDown();
                  await(new CountDownLatch(1)); // never answers
                  return Optional.empty();
                })
            .build();
    TaskPlan plan =
        plan().add(Plans.withNote(job("a", Duration.ofSeconds(30), "true"), "chat")).build();
    Engine engine = engine();
    Thread signal =
        new Thread(
            () -> {
              await(sending);
              engine.cancel();
            });
    signal.start();

    RunResult result = engine.run(plan, List.copyOf(plan.jobs().values()), RunListener.NONE);

    assertThat(result.interrupted()).isTrue();
    assertThat(result.outcomes().get(0).noteFailure())
        .hasValue(
            "note 'chat' of job 'a' was not delivered: ox_task was interrupted while it was"
                + " being sent");
  }

  /** Waits up to 20 s for {@code file}; true when it appeared. */
  private static boolean waitFor(Path file) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!Files.exists(file) && System.nanoTime() < deadline) {
      sleep(20);
    }
    return Files.exists(file);
  }

  /** Waits for the latch, giving up when interrupted (a thread the engine abandons). */
  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
