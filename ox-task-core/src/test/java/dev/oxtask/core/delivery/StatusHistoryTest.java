package dev.oxtask.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.JobStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusHistoryTest {

  @TempDir Path workDir;

  @Test
  void missingStateCountsAsChanged() {
    StatusHistory history = StatusHistory.load(workDir);
    assertThat(history.previous("a")).isEmpty();
    assertThat(history.changed("a", JobStatus.SUCCESS)).isTrue();
    assertThat(history.problem()).isEmpty();
  }

  @Test
  void savedStatusesAreThePreviousOnesOfTheNextRun() throws Exception {
    StatusHistory first = StatusHistory.load(workDir);
    first.record("a", JobStatus.SUCCESS);
    first.record("b", JobStatus.FAILED);
    first.save();

    StatusHistory second = StatusHistory.load(workDir);
    assertThat(second.previous("a")).contains(JobStatus.SUCCESS);
    assertThat(second.changed("a", JobStatus.SUCCESS)).isFalse();
    assertThat(second.changed("b", JobStatus.SUCCESS)).isTrue();
  }

  @Test
  void recordingDoesNotChangeWhatThisRunComparesWith() {
    StatusHistory history = StatusHistory.load(workDir);
    history.record("a", JobStatus.FAILED);
    assertThat(history.previous("a")).isEmpty();
  }

  @Test
  void jobsNotRunKeepTheirStatus() throws Exception {
    StatusHistory first = StatusHistory.load(workDir);
    first.record("a", JobStatus.SUCCESS);
    first.record("b", JobStatus.FAILED);
    first.save();
    StatusHistory second = StatusHistory.load(workDir);
    second.record("a", JobStatus.TIMEOUT);
    second.save();

    StatusHistory third = StatusHistory.load(workDir);
    assertThat(third.previous("a")).contains(JobStatus.TIMEOUT);
    assertThat(third.previous("b")).contains(JobStatus.FAILED);
  }

  @Test
  void unreadableStateIsIgnoredWithAReason() throws Exception {
    Files.writeString(workDir.resolve("state.json"), "{not json");
    StatusHistory history = StatusHistory.load(workDir);
    assertThat(history.changed("a", JobStatus.SUCCESS)).isTrue();
    assertThat(history.problem())
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith("ignored " + workDir.resolve("state.json") + ": ")
                    .endsWith("; every job counts as changed"));
  }

  @Test
  void stateThatIsNotUtf8IsIgnoredSayingSo() throws Exception {
    Files.write(
        workDir.resolve("state.json"),
        new byte[] {'{', '"', 'j', 'o', 'b', 's', '"', ':', '{', '"', (byte) 0xff, '"', '}', '}'});

    StatusHistory history = StatusHistory.load(workDir);

    assertThat(history.problem())
        .contains(
            "ignored "
                + workDir.resolve("state.json")
                + ": it is not UTF-8 text; every job counts as changed");
  }

  @Test
  void stateStartingWithAByteOrderMarkIsRead() throws Exception {
    Files.writeString(workDir.resolve("state.json"), "\uFEFF{\"jobs\": {\"a\": \"failed\"}}");

    StatusHistory history = StatusHistory.load(workDir);

    assertThat(history.problem()).isEmpty();
    assertThat(history.changed("a", JobStatus.FAILED)).isFalse();
    assertThat(history.changed("a", JobStatus.SUCCESS)).isTrue();
  }

  @Test
  void savedStateKeepsThePrettyPrintedLayoutAndEscapesNames() throws Exception {
    StatusHistory history = StatusHistory.load(workDir);
    history.record("plain", JobStatus.SUCCESS);
    history.record("say \"hi\" \\ bye", JobStatus.FAILED);

    history.save();

    String saved = Files.readString(workDir.resolve("state.json"));
    assertThat(saved.replaceAll("\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"", "<time>"))
        .isEqualTo(
            """
            {
              "jobs" : {
                "plain" : "success",
                "say \\"hi\\" \\\\ bye" : "failed"
              },
              "updated_at" : {
                "plain" : <time>,
                "say \\"hi\\" \\\\ bye" : <time>
              }
            }""");
    assertThat(StatusHistory.load(workDir).changed("say \"hi\" \\ bye", JobStatus.FAILED))
        .isFalse();
  }

  @Test
  void concurrentRunsSavingOneWorkDirLoseNoUpdate() throws Exception {
    int runs = 8;
    List<StatusHistory> loaded = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      // Each run loads the same (empty) state before any saves, as overlapping runs do.
      StatusHistory history = StatusHistory.load(workDir);
      history.record("job-" + i, JobStatus.SUCCESS);
      loaded.add(history);
    }
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> saves = new ArrayList<>();
    for (StatusHistory history : loaded) {
      saves.add(
          pool.submit(
              () -> {
                start.await();
                history.save();
                return null;
              }));
    }
    start.countDown();
    for (Future<?> save : saves) {
      save.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    StatusHistory after = StatusHistory.load(workDir);
    for (int i = 0; i < runs; i++) {
      assertThat(after.previous("job-" + i)).as("job-" + i).contains(JobStatus.SUCCESS);
    }
  }

  @Test
  void twoProcessesSavingOneWorkDirLoseNoUpdate() throws Exception {
    int cycles = 25;
    List<Process> processes = new ArrayList<>();
    for (String prefix : List.of("first", "second")) {
      processes.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  StateSaver.class.getName(),
                  workDir.toString(),
                  prefix,
                  String.valueOf(cycles))
              .redirectErrorStream(true)
              .start());
    }
    for (Process process : processes) {
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue())
          .as(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .isZero();
    }

    StatusHistory after = StatusHistory.load(workDir);
    for (int i = 0; i < cycles; i++) {
      assertThat(after.previous("first-" + i)).as("first-" + i).contains(JobStatus.SUCCESS);
      assertThat(after.previous("second-" + i)).as("second-" + i).contains(JobStatus.SUCCESS);
    }
  }

  @Test
  void anotherRunsSaveBetweenLoadAndSaveIsKept() throws Exception {
    StatusHistory mine = StatusHistory.load(workDir);
    StatusHistory other = StatusHistory.load(workDir);
    other.record("theirs", JobStatus.FAILED);
    other.save();
    mine.record("mine", JobStatus.SUCCESS);
    mine.save();

    StatusHistory after = StatusHistory.load(workDir);
    assertThat(after.previous("theirs")).contains(JobStatus.FAILED);
    assertThat(after.previous("mine")).contains(JobStatus.SUCCESS);
  }

  @Test
  void stateFileIsOwnerOnly() throws Exception {
    StatusHistory history = StatusHistory.load(workDir);
    history.record("a", JobStatus.SUCCESS);
    history.save();

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(workDir.resolve("state.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  void jobsNotRecordedForTheRetentionAreDropped() throws Exception {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    StatusHistory first = StatusHistory.load(workDir);
    first.record("old", JobStatus.SUCCESS);
    first.record("again", JobStatus.SUCCESS);
    first.save(start, StatusHistory.MAX_JOBS);
    StatusHistory second = StatusHistory.load(workDir);
    second.record("again", JobStatus.FAILED);
    second.save(start.plus(Duration.ofDays(60)), StatusHistory.MAX_JOBS);

    StatusHistory third = StatusHistory.load(workDir);
    third.save(
        start.plus(StatusHistory.RETENTION).plus(Duration.ofDays(1)), StatusHistory.MAX_JOBS);

    StatusHistory after = StatusHistory.load(workDir);
    assertThat(after.previous("old")).isEmpty();
    assertThat(after.previous("again")).contains(JobStatus.FAILED);
  }

  @Test
  void onlyTheMostRecentlyRecordedJobsAreKeptPastTheCap() throws Exception {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      StatusHistory run = StatusHistory.load(workDir);
      run.record("job-" + i, JobStatus.SUCCESS);
      run.save(start.plusSeconds(i), 3);
    }

    StatusHistory after = StatusHistory.load(workDir);
    assertThat(after.previous("job-0")).isEmpty();
    assertThat(after.previous("job-1")).isEmpty();
    assertThat(after.previous("job-2")).contains(JobStatus.SUCCESS);
    assertThat(after.previous("job-4")).contains(JobStatus.SUCCESS);
  }

  @Test
  void stateOfAnEarlierVersionIsReadAndKeptForTheRetention() throws Exception {
    Files.writeString(
        workDir.resolve("state.json"), "{\"jobs\": {\"a\": \"failed\", \"b\": \"success\"}}");

    StatusHistory history = StatusHistory.load(workDir);
    assertThat(history.previous("a")).contains(JobStatus.FAILED);
    history.record("b", JobStatus.TIMEOUT);
    history.save(Instant.parse("2026-01-01T00:00:00Z"), StatusHistory.MAX_JOBS);

    assertThat(Files.readString(workDir.resolve("state.json")))
        .isEqualTo(
            """
            {
              "jobs" : {
                "a" : "failed",
                "b" : "timeout"
              },
              "updated_at" : {
                "a" : "2026-01-01T00:00:00Z",
                "b" : "2026-01-01T00:00:00Z"
              }
            }""");
  }
}
