package dev.oxtask.notes.slack;

import static dev.oxtask.notes.slack.Results.context;
import static dev.oxtask.notes.slack.Results.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The wording and limits of the message for each way a job can end. */
class SlackMessageTest {

  @Test
  void fallbackTextSaysWhatHappenedForEveryStatus() {
    assertThat(text(JobStatus.SUCCESS, OptionalInt.of(0))).isEqualTo("✅ job succeeded in 1.2s");
    assertThat(text(JobStatus.FAILED, OptionalInt.of(2))).isEqualTo("❌ job failed (exit 2)");
    assertThat(text(JobStatus.FAILED, OptionalInt.empty())).isEqualTo("❌ job failed after 1.2s");
    assertThat(text(JobStatus.TIMEOUT, OptionalInt.empty()))
        .isEqualTo("⏱ job timed out after 1.2s");
    assertThat(text(JobStatus.ERROR, OptionalInt.empty())).isEqualTo("⚠️ job could not start");
    assertThat(text(JobStatus.CANCELLED, OptionalInt.empty()))
        .isEqualTo("🛑 job was cancelled after 1.2s");
    assertThat(text(JobStatus.SKIPPED, OptionalInt.empty())).isEqualTo("⏭ job was skipped");
  }

  @Test
  void jobNameIsEscapedInMrkdwnButNotInThePlainTextHeader() {
    ObjectNode message =
        SlackMessage.of(
            Results.succeeded("a<b>&c", ""),
            context(Optional.empty()),
            Optional.empty(),
            Optional.empty());

    assertThat(message.get("text").asText()).isEqualTo("✅ a&lt;b&gt;&amp;c succeeded in 1.2s");
    assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("✅ a<b>&c succeeded in 1.2s");
    assertThat(message.at("/blocks/1/fields/0/text").asText()).isEqualTo("*Job*\na&lt;b&gt;&amp;c");
  }

  @Test
  void longTitleIsCutUnderTheHeaderLimit() {
    ObjectNode message =
        SlackMessage.of(
            Results.succeeded("job", ""),
            context(Optional.empty()),
            Optional.of("T".repeat(400)),
            Optional.empty());

    String header = message.at("/blocks/0/text/text").asText();
    assertThat(header).hasSize(149).startsWith("✅ TTT").endsWith("T…");
  }

  @Test
  void stderrIsShownOnlyWhenTheJobDidNotSucceed() {
    JobResult ok =
        result(
            "job",
            JobStatus.SUCCESS,
            OptionalInt.of(0),
            Duration.ZERO,
            "",
            "warn",
            Optional.empty(),
            1);
    JobResult failed =
        result(
            "job",
            JobStatus.FAILED,
            OptionalInt.of(1),
            Duration.ZERO,
            "",
            "boom",
            Optional.empty(),
            1);

    assertThat(
            SlackMessage.of(ok, context(Optional.empty()), Optional.empty(), Optional.empty())
                .toString())
        .doesNotContain("Stderr");
    assertThat(
            SlackMessage.of(failed, context(Optional.empty()), Optional.empty(), Optional.empty())
                .toString())
        .contains("*Stderr*\\n```\\nboom\\n```");
  }

  @Test
  void outputTheRunnerAlreadyCutGivesNoMisleadingLineCount() {
    JobResult partial =
        JobResult.builder("job", JobStatus.SUCCESS)
            .exitCode(0)
            .output("head\n[... 5000 lines not kept ...]\ntail")
            .command(List.of("job"))
            .startedAt(Results.STARTED)
            .attempts(1)
            .outputTruncated(true)
            .build();

    ObjectNode message =
        SlackMessage.of(partial, context(Optional.empty()), Optional.empty(), Optional.empty());

    assertThat(message.at("/blocks/2/text/text").asText())
        .isEqualTo("*Output* (last 3 lines)\n```\nhead\n[... 5000 lines not kept ...]\ntail\n```");
  }

  @Test
  void skippedJobIsNoFailureSoNobodyIsMentioned() {
    JobResult skipped =
        result(
            "job",
            JobStatus.SKIPPED,
            OptionalInt.empty(),
            Duration.ZERO,
            "",
            "",
            Optional.empty(),
            0);

    ObjectNode message =
        SlackMessage.of(
            skipped, context(Optional.empty()), Optional.empty(), Optional.of("<!here>"));

    assertThat(message.toString()).doesNotContain("<!here>");
  }

  private static String text(JobStatus status, OptionalInt exitCode) {
    JobResult result =
        result("job", status, exitCode, Duration.ofMillis(1234), "", "", Optional.empty(), 1);
    return SlackMessage.of(result, context(Optional.empty()), Optional.empty(), Optional.empty())
        .get("text")
        .asText();
  }
}
