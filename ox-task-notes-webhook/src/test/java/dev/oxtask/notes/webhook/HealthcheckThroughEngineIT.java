package dev.oxtask.notes.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.delivery.NoteDispatcher;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskNote;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.plugin.PluginsFolder;
import dev.oxtask.core.run.Engine;
import dev.oxtask.core.run.JobOutcome;
import dev.oxtask.core.run.RunListener;
import dev.oxtask.core.run.RunOptions;
import dev.oxtask.core.run.RunResult;
import dev.oxtask.core.text.SecretMasker;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Healthcheck note from the shaded JAR in a plugins folder, driven by the engine: a ping when
 * each job starts, then one when it ends, for a success, a failure and a timeout.
 */
class HealthcheckThroughEngineIT {

  private static final Path JAR = Path.of(System.getProperty("ox-task.plugin.jar"));
  private static final Path PLAN_FILE = Path.of("/plans/tasks.json");

  @TempDir Path temp;

  @Test
  void eachJobPingsItsStartThenItsSuccessOrFailure() throws Exception {
    Path plugins = Files.createDirectories(temp.resolve("plugins"));
    Files.copy(JAR, plugins.resolve(JAR.getFileName()));
    TaskNote note =
        new TaskNote(
            "hc",
            "Healthcheck",
            List.of(),
            List.of(),
            Map.of("url", "$HC_BASE/ping/${OX_TASK_JOB_NAME}", "retries", 0),
            PLAN_FILE);
    List<TaskJob> jobs =
        List.of(
            job("ok", Duration.ofSeconds(30), "sh", "-c", "echo all good"),
            job("broken", Duration.ofSeconds(30), "sh", "-c", "echo bad >&2; exit 3"),
            job("slow", Duration.ofMillis(300), "sleep", "30"));
    Map<String, TaskJob> byName = new LinkedHashMap<>();
    jobs.forEach(j -> byName.put(j.name(), j));
    TaskPlan plan =
        new TaskPlan(List.of(PLAN_FILE), List.of(), Map.of(), Map.of("hc", note), byName, Map.of());
    SecretMasker masker = new SecretMasker();

    try (FakeService hc = new FakeService();
        NoteRegistry registry =
            NoteRegistry.load(
                PluginsFolder.resolve(Optional.of(plugins), Map.of(), Optional.empty()));
        NoteDispatcher dispatcher =
            new NoteDispatcher(
                registry,
                masker,
                Optional.empty(),
                new PrintStream(OutputStream.nullOutputStream()),
                NoteDispatcher.DEFAULT_SEND_TIMEOUT)) {
      assertThat(dispatcher.prepare(plan, jobs)).isEmpty();
      RunOptions options =
          RunOptions.builder(
                  temp.resolve("work"),
                  temp,
                  env -> {
                    throw new AssertionError("no venv expected");
                  })
              .environment(Map.of("PATH", System.getenv("PATH"), "HC_BASE", hc.url("")))
              .killGrace(Duration.ofMillis(500))
              .notes(dispatcher)
              .build();

      RunResult result = new Engine(options, masker).run(plan, jobs, RunListener.NONE);

      assertThat(result.outcomes())
          .extracting(o -> o.result().status())
          .containsExactly(JobStatus.SUCCESS, JobStatus.FAILED, JobStatus.TIMEOUT);
      assertThat(result.outcomes()).extracting(JobOutcome::noteFailure).allMatch(Optional::isEmpty);
      // Results are delivered in the background while later jobs run: only each job's own pings
      // (start, then success or fail) are in a fixed order.
      List<String> paths = hc.requests().stream().map(FakeService.Request::path).toList();
      assertThat(paths)
          .containsExactlyInAnyOrder(
              "/ping/ok/start",
              "/ping/ok",
              "/ping/broken/start",
              "/ping/broken/fail",
              "/ping/slow/start",
              "/ping/slow/fail");
      assertThat(paths.indexOf("/ping/ok/start")).isLessThan(paths.indexOf("/ping/ok"));
      assertThat(paths.indexOf("/ping/broken/start"))
          .isLessThan(paths.indexOf("/ping/broken/fail"));
      assertThat(paths.indexOf("/ping/slow/start")).isLessThan(paths.indexOf("/ping/slow/fail"));
      assertThat(hc.requests().get(paths.indexOf("/ping/ok")).body()).endsWith("\nall good\n");
      assertThat(hc.requests().get(paths.indexOf("/ping/broken/fail")).body())
          .isEqualTo("broken failed (exit 3)\nbad\n");
      assertThat(hc.requests().get(paths.indexOf("/ping/slow/fail")).body())
          .contains("\ntimed out after 0.3s");
    }
  }

  private static TaskJob job(String name, Duration timeout, String... command) {
    return new TaskJob(
        name,
        List.of(),
        Optional.empty(),
        Optional.of("hc"),
        List.of(command),
        false,
        timeout,
        0,
        Duration.ofMillis(10),
        PLAN_FILE);
  }
}
