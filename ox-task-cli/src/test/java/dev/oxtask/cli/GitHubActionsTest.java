package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubActionsTest {

  @Test
  void enabledOnlyWhenGitHubActionsIsTrue() {
    assertThat(GitHubActions.enabled(Map.of("GITHUB_ACTIONS", "true"))).isTrue();
    assertThat(GitHubActions.enabled(Map.of("GITHUB_ACTIONS", "false"))).isFalse();
    assertThat(GitHubActions.enabled(Map.of())).isFalse();
  }

  @Test
  void errorAnnotationEscapesPercentCarriageReturnAndNewline() {
    assertThat(GitHubActions.error("job: a,b", "100% failed\r\nline 2"))
        .isEqualTo("::error title=job%3A a%2Cb::100%25 failed%0D%0Aline 2");
  }

  @Test
  void multiLineSecretIsMaskedLineByLine() {
    assertThat(GitHubActions.addMask("first\nsecond%\n"))
        .containsExactly("::add-mask::first", "::add-mask::second%25");
  }

  @Test
  void groupWrapsTitleEscaped() {
    assertThat(GitHubActions.groupStart("job\nx")).isEqualTo("::group::job%0Ax");
    assertThat(GitHubActions.groupEnd()).isEqualTo("::endgroup::");
  }

  @Test
  void summaryHasARowPerJobWithNoteFailures() {
    String md =
        GitHubActions.summary(
            List.of(result("hello", JobStatus.SUCCESS, 0), result("a|b", JobStatus.FAILED, 3)),
            Map.of("a|b", "note 'mail' (SmtpEmail) failed: server down"));
    assertThat(md)
        .isEqualTo(
            "### ox_task: 1 of 2 jobs succeeded\n\n"
                + "| | Job | Status | Exit code | Duration | Note |\n"
                + "|---|---|---|---|---|---|\n"
                + "| ✅ | hello | success | 0 | 1.5s |  |\n"
                + "| ❌ | a\\|b | failed | 3 | 1.5s | ⚠️ note 'mail' (SmtpEmail) failed: server down |\n");
  }

  @Test
  void summaryIsAppendedToTheStepSummaryFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("summary.md");
    Files.writeString(file, "before\n");
    Optional<String> warning =
        GitHubActions.appendSummary(Map.of("GITHUB_STEP_SUMMARY", file.toString()), "table");
    assertThat(warning).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("before\ntable\n");
  }

  @Test
  void unwritableStepSummaryGivesOneWarningLine(@TempDir Path dir) {
    Path file = dir.resolve("missing-folder/summary.md");
    Optional<String> warning =
        GitHubActions.appendSummary(Map.of("GITHUB_STEP_SUMMARY", file.toString()), "table");
    assertThat(warning)
        .contains(
            "ox_task: warning: could not append the run summary to $GITHUB_STEP_SUMMARY ("
                + file
                + "): its folder does not exist");
  }

  private static JobResult result(String job, JobStatus status, int exitCode) {
    return JobResult.builder(job, status)
        .exitCode(exitCode)
        .command(List.of("true"))
        .startedAt(Instant.EPOCH)
        .duration(Duration.ofMillis(1500))
        .attempts(1)
        .build();
  }
}
