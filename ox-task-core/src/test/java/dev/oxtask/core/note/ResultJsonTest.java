package dev.oxtask.core.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultJsonTest {

  @Test
  void aResultIsOneObjectWithTheSpecsFieldsInOrder() {
    JobResult result =
        JobResult.builder("weather", JobStatus.FAILED)
            .exitCode(3)
            .output("line \"1\"\n")
            .command(List.of("sh", "-c", "exit 3"))
            .cwd(Path.of("/work"))
            .startedAt(Instant.parse("2026-11-28T10:00:00Z"))
            .duration(Duration.ofMillis(1250))
            .attempts(1)
            .error("exited with code 3")
            .build();

    assertThat(ResultJson.write(ResultJson.fields(result)))
        .isEqualTo(
            "{\"job\":\"weather\",\"status\":\"failed\",\"exit_code\":3,"
                + "\"output\":\"line \\\"1\\\"\\n\",\"stderr\":\"\","
                + "\"command\":[\"sh\",\"-c\",\"exit 3\"],\"cwd\":\"/work\","
                + "\"started_at\":\"2026-11-28T10:00:00Z\",\"duration_s\":1.25,\"attempts\":1,"
                + "\"error\":\"exited with code 3\",\"output_truncated\":false,"
                + "\"stderr_truncated\":false,\"log_files\":[]}");
  }

  @Test
  void quoteEscapesWhatJsonRequires() {
    assertThat(ResultJson.quote("a\"b\\c\td\u0001")).isEqualTo("\"a\\\"b\\\\c\\td\\u0001\"");
  }

  @Test
  void absentValuesAreNull() {
    assertThat(
            ResultJson.write(ResultJson.fields(JobResult.builder("a", JobStatus.SKIPPED).build())))
        .contains("\"exit_code\":null", "\"cwd\":null", "\"error\":null");
  }
}
