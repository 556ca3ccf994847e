package dev.oxtask.notes.slack;

import static dev.oxtask.notes.slack.Results.context;
import static dev.oxtask.notes.slack.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The message SlackWebhook posts, as a real HTTP server receives it, and its option checks. */
class SlackWebhookTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SlackWebhook note = new SlackWebhook();

  @Test
  void successPostsHeaderFieldsRunLinkAndEscapedOutput() throws Exception {
    JobResult result = Results.succeeded("weather", "Sunny, 21°C\nWind <5 km/h & calm\n");

    JsonNode received =
        sendAndReceive(
            Map.of(), result, Optional.of("https://github.com/acme/jobs/actions/runs/42"));

    assertThat(received)
        .isEqualTo(
            JSON.readTree(
                """
                {"text": "✅ weather succeeded in 1.2s",
                 "blocks": [
                  {"type": "header",
                   "text": {"type": "plain_text", "text": "✅ weather succeeded in 1.2s", "emoji": true}},
                  {"type": "section", "fields": [
                    {"type": "mrkdwn", "text": "*Job*\\nweather"},
                    {"type": "mrkdwn", "text": "*Status*\\nsuccess"},
                    {"type": "mrkdwn", "text": "*Exit code*\\n0"},
                    {"type": "mrkdwn", "text": "*Duration*\\n1.2s"},
                    {"type": "mrkdwn", "text": "*Host*\\nrunner-1"},
                    {"type": "mrkdwn",
                     "text": "*Run*\\n<https://github.com/acme/jobs/actions/runs/42|GitHub Actions run>"}]},
                  {"type": "section", "text": {"type": "mrkdwn",
                   "text": "*Output*\\n```\\nSunny, 21°C\\nWind &lt;5 km/h &amp; calm\\n```"}},
                  {"type": "context", "elements": [{"type": "mrkdwn",
                   "text": "ox_task note *slack* · started 2026-11-28T06:00:00Z"}]}]}
                """));
  }

  @Test
  void failurePostsTitleMentionErrorStderrAndNeutralisedFences() throws Exception {
    JobResult result =
        result(
            "backup",
            JobStatus.FAILED,
            OptionalInt.of(2),
            Duration.ofMillis(3500),
            "copying\n```\nrm -rf <dir>\n```\n",
            "tar: /data: Cannot open: Permission denied\n",
            Optional.of("exited with code 2"),
            2);
    Map<String, Object> options =
        Map.of("title", "Nightly backup", "mention_on_failure", "<!here>");

    JsonNode received = sendAndReceive(options, result, Optional.empty());

    assertThat(received)
        .isEqualTo(
            JSON.readTree(
                """
                {"text": "<!here> ❌ backup failed (exit 2)",
                 "blocks": [
                  {"type": "header",
                   "text": {"type": "plain_text", "text": "❌ Nightly backup — backup failed (exit 2)", "emoji": true}},
                  {"type": "section", "text": {"type": "mrkdwn", "text": "<!here>"}},
                  {"type": "section", "fields": [
                    {"type": "mrkdwn", "text": "*Job*\\nbackup"},
                    {"type": "mrkdwn", "text": "*Status*\\nfailed"},
                    {"type": "mrkdwn", "text": "*Exit code*\\n2"},
                    {"type": "mrkdwn", "text": "*Duration*\\n3.5s"},
                    {"type": "mrkdwn", "text": "*Host*\\nrunner-1"}]},
                  {"type": "section", "text": {"type": "mrkdwn",
                   "text": "*Error*\\n```\\nexited with code 2\\n```"}},
                  {"type": "section", "text": {"type": "mrkdwn",
                   "text": "*Output*\\n```\\ncopying\\n`\\u200b`\\u200b`\\nrm -rf &lt;dir&gt;\\n`\\u200b`\\u200b`\\n```"}},
                  {"type": "section", "text": {"type": "mrkdwn",
                   "text": "*Stderr*\\n```\\ntar: /data: Cannot open: Permission denied\\n```"}},
                  {"type": "context", "elements": [{"type": "mrkdwn",
                   "text": "ox_task note *slack* · started 2026-11-28T06:00:00Z · 2 attempts"}]}]}
                """));
  }

  @Test
  void timeoutSaysTimedOutAfterTheDurationWithNoExitCode() throws Exception {
    JobResult result =
        result(
            "sync",
            JobStatus.TIMEOUT,
            OptionalInt.empty(),
            Duration.ofMillis(300_040),
            "step 1\nstep 2\n",
            "",
            Optional.of("timed out after 300s"),
            1);

    JsonNode received = sendAndReceive(Map.of(), result, Optional.empty());

    assertThat(received)
        .isEqualTo(
            JSON.readTree(
                """
                {"text": "⏱ sync timed out after 5m",
                 "blocks": [
                  {"type": "header",
                   "text": {"type": "plain_text", "text": "⏱ sync timed out after 5m", "emoji": true}},
                  {"type": "section", "fields": [
                    {"type": "mrkdwn", "text": "*Job*\\nsync"},
                    {"type": "mrkdwn", "text": "*Status*\\ntimeout"},
                    {"type": "mrkdwn", "text": "*Exit code*\\nnone"},
                    {"type": "mrkdwn", "text": "*Duration*\\n5m"},
                    {"type": "mrkdwn", "text": "*Host*\\nrunner-1"}]},
                  {"type": "section", "text": {"type": "mrkdwn",
                   "text": "*Error*\\n```\\ntimed out after 300s\\n```"}},
                  {"type": "section", "text": {"type": "mrkdwn",
                   "text": "*Output*\\n```\\nstep 1\\nstep 2\\n```"}},
                  {"type": "context", "elements": [{"type": "mrkdwn",
                   "text": "ox_task note *slack* · started 2026-11-28T06:00:00Z"}]}]}
                """));
  }

  @Test
  void mentionIsLeftOutWhenTheJobSucceeded() throws Exception {
    JsonNode received =
        sendAndReceive(
            Map.of("mention_on_failure", "<!channel>"),
            Results.succeeded("weather", "sunny"),
            Optional.empty());

    assertThat(received.get("text").asText()).isEqualTo("✅ weather succeeded in 1.2s");
    assertThat(received.toString()).doesNotContain("<!channel>");
  }

  @Test
  void hundredThousandLinesAreCutOnLinesToSlackLimitsKeepingTheEnd() throws Exception {
    String output =
        IntStream.rangeClosed(1, 100_000)
            .mapToObj(i -> "line " + i + " of the job's output")
            .collect(Collectors.joining("\n", "", "\n"));
    JobResult result =
        result(
            "bulk",
            JobStatus.FAILED,
            OptionalInt.of(1),
            Duration.ofSeconds(42),
            output,
            output,
            Optional.empty(),
            1);

    JsonNode received = sendAndReceive(Map.of(), result, Optional.empty());

    assertThat(JSON.writeValueAsString(received)).hasSizeLessThan(12_000);
    JsonNode blocks = received.get("blocks");
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    assertThat(blocks.get(0).at("/text/text").asText()).hasSizeLessThan(150);
    String outputText = blocks.get(2).at("/text/text").asText();
    assertThat(outputText).hasSizeLessThan(3000);
    List<String> lines = outputText.lines().toList();
    assertThat(lines.get(0)).matches("\\*Output\\* \\(last \\d+ of 100000 lines\\)");
    assertThat(lines.get(1)).isEqualTo("```");
    assertThat(lines.get(lines.size() - 2)).isEqualTo("line 100000 of the job's output");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("```");
    // Whole lines only: every kept line is one the job printed, in order, up to the last.
    List<String> kept = lines.subList(2, lines.size() - 1);
    int first = 100_001 - kept.size();
    assertThat(kept)
        .isEqualTo(
            IntStream.range(first, 100_001)
                .mapToObj(i -> "line " + i + " of the job's output")
                .toList());
    assertThat(lines.get(0)).isEqualTo("*Output* (last " + kept.size() + " of 100000 lines)");
    assertThat(blocks.get(3).at("/text/text").asText())
        .startsWith("*Stderr* (last ")
        .hasSizeLessThan(3000);
  }

  @Test
  void urlWithoutSchemeIsRefusedWithoutShowingIt() {
    NoteOptions options =
        new NoteOptions(Map.of("webhook_url", "hooks.slack.com/services/T1/B2/" + FakeSlack.TOKEN));

    assertThatThrownBy(
            () -> note.send(options, Results.succeeded("weather", ""), context(Optional.empty())))
        .isInstanceOf(NoteException.class)
        .hasMessage(
            "webhook_url is not an http(s) URL after substitution — is $SLACK_WEBHOOK_URL (or the"
                + " variable it names) set to the incoming webhook's URL, https://hooks.slack.com/...?");
  }

  @Test
  void validOptionsHaveNoProblems() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("webhook_url", "$SLACK_WEBHOOK_URL");
    options.put("timeout", 5);
    options.put("retries", 0);
    options.put("title", "Nightly");
    options.put("mention_on_failure", "<!here>");

    assertThat(note.validate(new NoteOptions(options))).isEmpty();
  }

  @Test
  void validateReportsMissingUrlBadTypesAndUnknownKeys() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("timeout", "10");
    options.put("retries", 1.5);
    options.put("titel", "Nightly");

    assertThat(note.validate(new NoteOptions(options)))
        .containsExactly(
            new OptionProblem(
                "webhook_url",
                "is required: the Slack incoming webhook's URL, e.g. \"$SLACK_WEBHOOK_URL\""),
            new OptionProblem("timeout", "must be a number greater than 0, not '10'"),
            new OptionProblem("retries", "must be a whole number of at least 0, not 1.5"),
            new OptionProblem(
                "titel",
                "unknown option — did you mean 'title'? Options of this note: mention_on_failure,"
                    + " retries, timeout, title, webhook_url"));
  }

  @Test
  void validateRefusesALiteralNonHttpUrlWithoutEchoingIt() {
    NoteOptions options =
        new NoteOptions(Map.of("webhook_url", "ftp://hooks.example/" + FakeSlack.TOKEN));

    assertThat(note.validate(options))
        .containsExactly(
            new OptionProblem(
                "webhook_url",
                "must be an http(s) URL (https://hooks.slack.com/services/...), better read from a"
                    + " secret variable: \"$SLACK_WEBHOOK_URL\""));
  }

  @Test
  void nameIsWhatPlansWriteInClassName() {
    assertThat(note.name()).isEqualTo("SlackWebhook");
  }

  /** Sends {@code result} to a real server and returns the JSON it received. */
  private JsonNode sendAndReceive(
      Map<String, Object> extraOptions, JobResult result, Optional<String> runUrl)
      throws Exception {
    try (FakeSlack slack = new FakeSlack()) {
      Map<String, Object> options = new LinkedHashMap<>(extraOptions);
      options.put("webhook_url", slack.url());
      note.send(new NoteOptions(options), result, context(runUrl));
      assertThat(slack.requests()).hasSize(1);
      FakeSlack.Request request = slack.requests().get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo(FakeSlack.PATH);
      assertThat(request.contentType()).isEqualTo("application/json; charset=utf-8");
      return JSON.readTree(request.body());
    }
  }
}
