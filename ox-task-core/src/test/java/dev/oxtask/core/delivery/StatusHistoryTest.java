package dev.oxtask.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
