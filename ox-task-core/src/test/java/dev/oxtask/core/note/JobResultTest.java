package dev.oxtask.core.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class JobResultTest {

  @Test
  void builderNeedsOnlyJobAndStatus() {
    JobResult result = JobResult.builder("weather", JobStatus.SKIPPED).build();

    assertThat(result.job()).isEqualTo("weather");
    assertThat(result.status()).isEqualTo(JobStatus.SKIPPED);
    assertThat(result.exitCode()).isEqualTo(OptionalInt.empty());
    assertThat(result.output()).isEmpty();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.command()).isEmpty();
    assertThat(result.cwd()).isEmpty();
    assertThat(result.duration()).isEqualTo(Duration.ZERO);
    assertThat(result.attempts()).isZero();
    assertThat(result.error()).isEmpty();
    assertThat(result.logFiles()).isEmpty();
  }

  @Test
  void toBuilderCopiesEveryField() {
    JobResult result =
        JobResult.builder("weather", JobStatus.FAILED)
            .exitCode(3)
            .output("out")
            .stderr("err")
            .command(List.of("python3", "fetch.py"))
            .cwd(Path.of("/work"))
            .startedAt(Instant.parse("2026-11-28T10:00:00Z"))
            .duration(Duration.ofMillis(1250))
            .attempts(2)
            .error("exited with code 3")
            .outputTruncated(true)
            .stderrTruncated(true)
            .logFiles(List.of(Path.of("/work/weather.stdout")))
            .build();

    assertThat(result.toBuilder().build()).isEqualTo(result).hasSameHashCodeAs(result);
    assertThat(result.toBuilder().attempts(1).build()).isNotEqualTo(result);
    assertThat(result.durationSeconds()).isEqualTo(1.25);
    assertThat(result.error()).isEqualTo(Optional.of("exited with code 3"));
  }

  @Test
  void builderRejectsMissingValues() {
    assertThatThrownBy(() -> JobResult.builder("weather", JobStatus.SUCCESS).output(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("output");
  }

  @Test
  void failedMeansRanAndDidNotSucceed() {
    EnumSet<JobStatus> failed = EnumSet.noneOf(JobStatus.class);
    for (JobStatus status : JobStatus.values()) {
      if (status.failed()) {
        failed.add(status);
      }
    }

    assertThat(failed)
        .containsExactlyInAnyOrder(
            JobStatus.FAILED, JobStatus.TIMEOUT, JobStatus.ERROR, JobStatus.CANCELLED);
  }
}
