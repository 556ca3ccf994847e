package dev.oxtask.core.run;

import static dev.oxtask.core.run.Plans.inEnv;
import static dev.oxtask.core.run.Plans.job;
import static dev.oxtask.core.run.Plans.plan;
import static dev.oxtask.core.run.Plans.shell;
import static dev.oxtask.core.run.Plans.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.text.SecretMasker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, daemons and cancellation: a job's processes never outlive it. */
class ProcessTreeTest {

  @TempDir Path work;

  private RunOptions options() {
    return RunOptions.builder(work, work, env -> work)
        .environment(Map.of("PATH", System.getenv("PATH")))
        .killGrace(Duration.ofMillis(500))
        .build();
  }

  private JobResult runOne(TaskPlan plan) throws InterruptedException {
    return new Engine(options(), new SecretMasker())
        .run(plan, List.copyOf(plan.jobs().values()), RunListener.NONE)
        .outcomes()
        .get(0)
        .result();
  }

  /** Runs the plan's first job, failing instead of hanging when the run does not end in time. */
  private JobResult runOneWithin(TaskPlan plan, Duration bound) throws Exception {
    CompletableFuture<JobResult> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return runOne(plan);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    return run.get(bound.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Shell code that waits until {@code sleep marker} runs (setsid -f returns before), then prints.
   */
  private static String awaitSleep(String marker) {
    return "until pgrep -f '^sleep " + marker + "' >/dev/null; do sleep 0.05; done; echo started";
  }

  @Test
  void childThatLeftTheSessionWithSetsidIsFoundByItsMarkAndStopped() throws Exception {
    String marker = Processes.marker();
    TaskPlan plan =
        plan()
            .add(
                withTimeout(
                    shell("escape", "setsid -f sleep " + marker + "; " + awaitSleep(marker)),
                    Duration.ofSeconds(2)))
            .build();

    JobResult result = runOneWithin(plan, Duration.ofSeconds(30));

    assertThat(result.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(result.output()).isEqualTo("started\n");
    assertThat(result.stderr())
        .startsWith("[ox_task stopped 1 process(es) the job left running when it exited: ")
        .endsWith(" (had left the job's session)]\n");
    assertThat(Processes.withMarker(marker)).isEmpty();
  }

  @Test
  void doubleForkedPythonDaemonKeepingStdoutOpenCannotOutliveTheTimeout() throws Exception {
    String marker = Processes.marker();
    String daemon =
        String.join(
            "\n",
            "import os, time",
            "if os.fork() == 0:",
            "    os.setsid()",
            "    if os.fork() == 0:",
            "        time.sleep(" + marker + ")",
            "    os._exit(0)",
            "time.sleep(" + marker + ")");
    TaskPlan plan =
        plan().add(job("daemon", Duration.ofSeconds(2), "python3", "-c", daemon)).build();

    JobResult result = runOneWithin(plan, Duration.ofSeconds(30));

    assertThat(result.status()).isEqualTo(JobStatus.TIMEOUT);
    assertThat(Processes.withMarker(marker)).isEmpty();
  }

  @Test
  void processHoldingThePipeThatCannotBeFoundEndsTheJobAfterTheDrainTime() throws Exception {
    String marker = Processes.marker();
    // env -i clears the mark and setsid leaves the session: once sleep runs, only the open pipe
    // is left to see.
    TaskPlan plan =
        plan()
            .add(shell("lost", "setsid -f env -i sleep " + marker + "; " + awaitSleep(marker)))
            .build();

    JobResult result;
    try {
      result = runOneWithin(plan, Duration.ofSeconds(30));
    } finally {
      Processes.withMarker(marker).forEach(ProcessHandle::destroyForcibly);
    }

    assertThat(result.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(result.output()).isEqualTo("started\n");
    assertThat(result.stderr())
        .isEqualTo(
            "[ox_task stopped reading the job's output 2 s after it ended: a process outside its"
                + " tree still holds the output pipe]\n");
  }

  @Test
  void cancelEndsTheRunWithinBoundsWhileAnUnfoundProcessHoldsThePipe() throws Exception {
    String marker = Processes.marker();
    TaskPlan plan =
        plan()
            .add(
                shell(
                    "held",
                    "setsid -f env -i sleep " + marker + "; " + awaitSleep(marker) + "; sleep 600"))
            .build();
    Engine engine = new Engine(options(), new SecretMasker());
    CompletableFuture<RunResult> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return engine.run(plan, List.copyOf(plan.jobs().values()), RunListener.NONE);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    RunResult result;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (Processes.withMarker(marker).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(200);

      engine.cancel();
      result = run.get(30, TimeUnit.SECONDS);
    } finally {
      Processes.withMarker(marker).forEach(ProcessHandle::destroyForcibly);
    }

    assertThat(result.interrupted()).isTrue();
    assertThat(result.outcomes().get(0).result().status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void backtickLeavingADaemonBehindDoesNotHangAndLeavesNothing() throws Exception {
    String marker = Processes.marker();
    TaskPlan plan =
        plan()
            .env(
                "e",
                Optional.empty(),
                List.of(),
                "VALUE",
                "`setsid -f sleep " + marker + "; echo computed`")
            .add(inEnv(job("uses", Duration.ofSeconds(5), "sh", "-c", "echo $VALUE"), "e"))
            .build();

    JobResult result = runOneWithin(plan, Duration.ofSeconds(30));

    assertThat(result.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(result.output()).isEqualTo("computed\n");
    assertThat(Processes.withMarker(marker)).isEmpty();
  }

  @Test
  void timeoutKillsBackgroundChildren() throws Exception {
    String marker = Processes.marker();
    TaskPlan plan =
        plan()
            .add(
                job(
                    "hang",
                    Duration.ofSeconds(1),
                    "sh",
                    "-c",
                    "sleep " + marker + " & sleep " + marker))
            .build();

    JobResult result = runOne(plan);

    assertThat(result.status()).isEqualTo(JobStatus.TIMEOUT);
    assertThat(result.exitCode()).isEmpty();
    assertThat(result.error()).hasValue("timed out after 1s; its process tree was stopped");
    assertThat(Processes.withMarker(marker)).isEmpty();
  }

  @Test
  void timeoutKillsADoubleForkedDaemonAndAProcessIgnoringSigterm() throws Exception {
    String marker = Processes.marker();
    TaskPlan plan =
        plan()
            .add(
                job(
                    "daemon",
                    Duration.ofSeconds(1),
                    "sh",
                    "-c",
                    "(sh -c 'trap \"\" TERM; sleep " + marker + "' &) ; sleep " + marker))
            .build();

    JobResult result = runOne(plan);

    assertThat(result.status()).isEqualTo(JobStatus.TIMEOUT);
    assertThat(Processes.withMarker(marker)).isEmpty();
  }

  @Test
  void daemonLeftRunningAfterASuccessfulExitIsStoppedAndDoesNotHangTheRunner() throws Exception {
    String marker = Processes.marker();
    TaskPlan plan =
        plan()
            .add(
                job(
                    "forker",
                    Duration.ofSeconds(30),
                    "sh",
                    "-c",
                    "(sleep " + marker + " &) ; sleep 0.5; echo started"))
            .build();

    JobResult result = runOne(plan);

    assertThat(result.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(result.output()).isEqualTo("started\n");
    assertThat(result.stderr())
        .startsWith("[ox_task stopped 1 process(es) the job left running when it exited: ");
    assertThat(Processes.withMarker(marker)).isEmpty();
  }

  @Test
  void jobClosingStdoutEarlyDoesNotHangTheRunner() throws Exception {
    JobResult result =
        runOne(
            plan()
                .job("closer", "sh", "-c", "echo first; exec >&-; sleep 1; echo still-here >&2")
                .build());

    assertThat(result.status()).isEqualTo(JobStatus.SUCCESS);
    assertThat(result.output()).isEqualTo("first\n");
    assertThat(result.stderr()).isEqualTo("still-here\n");
  }

  @Test
  void cancelStopsRunningJobsAndSkipsTheRest() throws Exception {
    String marker = Processes.marker();
    TaskPlan plan =
        plan()
            .job("long", "sh", "-c", "sleep " + marker + " & sleep " + marker)
            .job("later", "true")
            .build();
    Engine engine = new Engine(options(), new SecretMasker());
    CompletableFuture<RunResult> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return engine.run(plan, List.copyOf(plan.jobs().values()), RunListener.NONE);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (Processes.withMarker(marker).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    engine.cancel();
    RunResult result = run.get(30, TimeUnit.SECONDS);

    assertThat(result.interrupted()).isTrue();
    assertThat(result.outcomes().get(0).result().status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(result.outcomes().get(0).result().error())
        .hasValue("cancelled: ox_task was interrupted; its process tree was stopped");
    assertThat(result.outcomes().get(1).result().status()).isEqualTo(JobStatus.SKIPPED);
    assertThat(result.outcomes().get(1).result().error())
        .hasValue("not started: ox_task was interrupted");
    assertThat(Processes.withMarker(marker)).isEmpty();
  }
}
