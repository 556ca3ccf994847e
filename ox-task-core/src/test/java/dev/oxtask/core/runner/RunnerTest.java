package dev.oxtask.core.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.PlanException;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.run.JobOutcome;
import dev.oxtask.core.run.RunListener;
import dev.oxtask.core.run.RunResult;
import dev.oxtask.core.testing.TestNotes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one way to run a plan: plans read from files, real jobs, a real plugin JAR. */
class RunnerTest {

  @TempDir Path dir;
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  private Runner.Builder builder() {
    return Runner.builder()
        .workDir(dir.resolve("work"))
        .pluginsDir(dir.resolve("plugins"))
        .environment(Map.of("PATH", System.getenv("PATH")))
        .warnings(warnings::add);
  }

  private Path plan(String json) throws IOException {
    return Files.writeString(dir.resolve("tasks.json"), json);
  }

  @Test
  void runsEveryJobOfAPlanFileAndKeepsTheirOutputInTheRunFolder() throws Exception {
    Path file =
        plan(
            """
            {"jobs": {
              "hello": {"command": ["echo", "hi"]},
              "broken": {"command": "false"}}}
            """);
    try (Runner runner = builder().build()) {
      RunResult result = runner.run(runner.load(file));

      assertThat(result.runId()).isEqualTo(runner.runId());
      assertThat(result.outcomes())
          .extracting(o -> o.result().job() + " " + o.result().status().key())
          .containsExactly("hello success", "broken failed");
      assertThat(result.allSucceeded()).isFalse();
      assertThat(runner.runDir()).isEqualTo(dir.resolve("work/runs/" + runner.runId()));
      assertThat(Files.readString(runner.runDir().resolve("hello.stdout"))).isEqualTo("hi\n");
    }
  }

  @Test
  void selectedJobsNotesAreDeliveredAndTheirStatusesKeptForTheNextRun() throws Exception {
    TestNotes.writeTestNotesPlugin(dir.resolve("plugins"));
    Path record = dir.resolve("record.txt");
    Path file =
        plan(
            """
            {"notes": {"rec": {"class_name": "Recorder", "path": "%s"}},
             "jobs": {
               "chosen": {"command": "true", "note": "rec"},
               "other": {"command": "true", "note": "rec"}}}
            """
                .formatted(record));
    try (Runner runner = builder().jobs(List.of("chosen")).build()) {
      RunResult result = runner.run(runner.load(file));

      assertThat(result.outcomes()).hasSize(1);
      assertThat(result.allSucceeded()).isTrue();
    }

    assertThat(Files.readAllLines(record))
        .filteredOn(line -> line.startsWith("job="))
        .singleElement()
        .asString()
        .startsWith("job=chosen status=success");
    assertThat(Files.readString(dir.resolve("work/state.json"))).contains("\"chosen\"");
    assertThat(warnings).isEmpty();
  }

  @Test
  void validateNamesAnUnknownNoteClassAndRunRefusesBeforeAnyJobRuns() throws Exception {
    Path marker = dir.resolve("ran");
    Path file =
        plan(
            """
            {"notes": {"chat": {"class_name": "Nope"}},
             "jobs": {"touch": {"command": ["touch", "%s"], "note": "chat"}}}
            """
                .formatted(marker));
    try (Runner runner = builder().build()) {
      TaskPlan plan = runner.load(file);

      Validation validation = runner.validate(plan);

      assertThat(validation.ok()).isFalse();
      assertThat(validation.errors())
          .singleElement()
          .asString()
          .contains("notes.chat.class_name: unknown note class 'Nope'");
      assertThatThrownBy(() -> runner.run(plan))
          .isInstanceOf(PlanException.class)
          .hasMessageContaining("unknown note class 'Nope'");
    }
    assertThat(marker).doesNotExist();
    assertThat(dir.resolve("work")).doesNotExist();
  }

  @Test
  void warningsGoToTheSinkWhenTheRunValidatesAndAreReturnedOnceByValidate() throws Exception {
    Path file = plan("{\"jobs\": {\"say\": {\"command\": [\"echo\", \"$NOT_SET_ANYWHERE\"]}}}");
    try (Runner runner = builder().build()) {
      runner.run(runner.load(file));
    }
    assertThat(warnings).singleElement().asString().contains("NOT_SET_ANYWHERE");

    warnings.clear();
    try (Runner runner = builder().build()) {
      TaskPlan plan = runner.load(file);
      assertThat(runner.validate(plan).warnings())
          .singleElement()
          .asString()
          .contains("NOT_SET_ANYWHERE");
      runner.run(plan);
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void cancelledBeforeTheRunItSkipsEveryJob() throws Exception {
    Path marker = dir.resolve("ran");
    Path file =
        plan("{\"jobs\": {\"touch\": {\"command\": [\"touch\", \"%s\"]}}}".formatted(marker));
    try (Runner runner = builder().build()) {
      runner.cancel();

      RunResult result = runner.run(runner.load(file));

      assertThat(result.interrupted()).isTrue();
      assertThat(result.outcomes())
          .extracting(o -> o.result().status())
          .containsExactly(JobStatus.SKIPPED);
    }
    assertThat(marker).doesNotExist();
  }

  @Test
  void anUnknownJobNameIsRefusedWithTheClosestOne() throws Exception {
    Path file = plan("{\"jobs\": {\"build\": {\"command\": \"true\"}}}");
    try (Runner runner = builder().jobs(List.of("biuld")).build()) {
      TaskPlan plan = runner.load(file);

      assertThatThrownBy(() -> runner.run(plan))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unknown job 'biuld' — did you mean 'build'? (the plan's jobs: build)");
    }
  }

  @Test
  void aRunnerRunsItsPlanOnceAndListenersAddedLaterHearIt() throws Exception {
    Path file =
        plan("{\"jobs\": {\"a\": {\"command\": \"true\"}, \"b\": {\"command\": \"true\"}}}");
    List<String> heard = new CopyOnWriteArrayList<>();
    try (Runner runner = builder().build()) {
      runner.listen(
          new RunListener() {
            @Override
            public void jobFinished(JobOutcome outcome) {
              heard.add(outcome.result().job());
            }
          });
      TaskPlan plan = runner.load(file);
      runner.run(plan);

      assertThat(heard).containsExactly("a", "b");
      assertThatThrownBy(() -> runner.run(plan))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("build one per run");
    }
  }

  @Test
  void aRunnerThatRanNothingSavesNoStatusesAndWarnsOfNothingWhenClosed() throws Exception {
    Path file = plan("{\"jobs\": {\"a\": {\"command\": \"true\"}}}");
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");
    try (Runner runner = builder().workDir(notAFolder.resolve("work")).build()) {
      assertThat(runner.validate(runner.load(file)).ok()).isTrue();
    }
    assertThat(warnings).isEmpty();
  }
}
