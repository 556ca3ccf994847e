package dev.oxtask.notes.slack;

import static dev.oxtask.notes.slack.Results.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.notes.slack.FakeSlack.Answer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How SlackWebhook delivers to a real HTTP server that answers like Slack does. */
class WebhookDeliveryTest {

  /** The waits the note asked for, instead of sleeping through them. */
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  private final SlackWebhook note =
      new SlackWebhook(
          new WebhookDelivery(
              WebhookDelivery.RETRY_AFTER_CAP, WebhookDelivery.BACKOFF_BASE, waits::add));

  @Test
  void rateLimitedThenOkWaitsRetryAfterAndSendsAgain() throws Exception {
    try (FakeSlack slack = new FakeSlack(Answer.of(429, "rate_limited", "Retry-After", "7"))) {
      send(slack.url(), Map.of());

      assertThat(slack.requests()).hasSize(2);
      assertThat(slack.requests().get(1).body()).isEqualTo(slack.requests().get(0).body());
      assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }
  }

  @Test
  void pluginNoteReallyWaitsOutRetryAfter() throws Exception {
    try (FakeSlack slack = new FakeSlack(Answer.of(429, "rate_limited", "Retry-After", "1"))) {
      new SlackWebhook()
          .send(
              withUrl(slack.url(), Map.of()),
              Results.succeeded("weather", "sunny"),
              context(Optional.empty()));

      assertThat(slack.requests()).hasSize(2);
    }
  }

  @Test
  void retryAfterLongerThanTheCapIsCapped() throws Exception {
    try (FakeSlack slack = new FakeSlack(Answer.of(429, "rate_limited", "Retry-After", "3600"))) {
      send(slack.url(), Map.of());

      assertThat(slack.requests()).hasSize(2);
      assertThat(waits).containsExactly(WebhookDelivery.RETRY_AFTER_CAP);
    }
  }

  @Test
  void serverErrorsThenOkBackOffExponentiallyWithJitter() throws Exception {
    try (FakeSlack slack =
        new FakeSlack(Answer.of(500, "rollup_error"), Answer.of(503, "unavailable"))) {
      send(slack.url(), Map.of());

      assertThat(slack.requests()).hasSize(3);
      assertThat(waits).hasSize(2);
      assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
      assertThat(waits.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
    }
  }

  @Test
  void serverErrorOnEveryAttemptGivesUpAfterRetriesAndSaysWhy() throws Exception {
    try (FakeSlack slack =
        new FakeSlack(
            Answer.of(500, "rollup_error"),
            Answer.of(500, "rollup_error"),
            Answer.of(502, "<html>Bad Gateway</html>"))) {
      NoteException e = sendFailing(slack.url(), Map.of("retries", 2));

      assertThat(slack.requests()).hasSize(3);
      assertThat(e)
          .hasMessage(
              "could not deliver to Slack ("
                  + slack.host()
                  + ") in 3 attempts: Slack answered HTTP 502 <html>Bad Gateway</html>");
    }
  }

  @Test
  void noServiceIsNotRetriedAndReportsSlacksErrorWithAdvice() throws Exception {
    try (FakeSlack slack = new FakeSlack(Answer.of(404, "no_service"))) {
      NoteException e = sendFailing(slack.url(), Map.of());

      assertThat(slack.requests()).hasSize(1);
      assertThat(waits).isEmpty();
      assertThat(e)
          .hasMessage(
              "Slack ("
                  + slack.host()
                  + ") refused the message: HTTP 404 no_service — the webhook was disabled, removed"
                  + " or never existed (or its app was uninstalled); create a new incoming webhook"
                  + " and store its URL in the secret webhook_url reads");
    }
  }

  @Test
  void archivedChannelIsNotRetriedAndSaysSo() throws Exception {
    try (FakeSlack slack = new FakeSlack(Answer.of(410, "channel_is_archived"))) {
      NoteException e = sendFailing(slack.url(), Map.of());

      assertThat(slack.requests()).hasSize(1);
      assertThat(e)
          .hasMessage(
              "Slack ("
                  + slack.host()
                  + ") refused the message: HTTP 410 channel_is_archived — the webhook's channel is"
                  + " archived; unarchive it, or create a new incoming webhook and store its URL in"
                  + " the secret webhook_url reads for another channel");
    }
  }

  @Test
  void invalidPayloadIsReportedAsOurBugWithoutRetrying() throws Exception {
    try (FakeSlack slack = new FakeSlack(Answer.of(400, "invalid_payload"))) {
      NoteException e = sendFailing(slack.url(), Map.of());

      assertThat(slack.requests()).hasSize(1);
      assertThat(e)
          .hasMessage(
              "Slack ("
                  + slack.host()
                  + ") refused the message: HTTP 400 invalid_payload — ox-task sent a message Slack"
                  + " could not read; this is a bug in the SlackWebhook note, please report it with"
                  + " the job's output");
    }
  }

  @Test
  void okStatusWithAnotherBodyIsNotTakenForDelivery() throws Exception {
    try (FakeSlack slack = new FakeSlack(Answer.of(200, "<html>Welcome</html>"))) {
      NoteException e = sendFailing(slack.url(), Map.of());

      assertThat(slack.requests()).hasSize(1);
      assertThat(e)
          .hasMessage(
              "Slack ("
                  + slack.host()
                  + ") refused the message: HTTP 200 <html>Welcome</html> — Slack answers \"ok\"; is"
                  + " webhook_url an incoming webhook URL (https://hooks.slack.com/services/...)?");
    }
  }

  @Test
  void serverThatNeverAnswersIsGivenUpWithinTheTimeout() throws Exception {
    try (FakeSlack slack = new FakeSlack(Answer.silence(), Answer.silence())) {
      NoteException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> sendFailing(slack.url(), Map.of("timeout", 0.5, "retries", 1)));

      assertThat(slack.requests()).hasSize(2);
      assertThat(e)
          .hasMessage(
              "could not deliver to Slack ("
                  + slack.host()
                  + ") in 2 attempts: "
                  + slack.host()
                  + " did not answer within 0.5s (timeout)");
    }
  }

  @Test
  void refusedConnectionIsRetriedThenReported() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + FakeSlack.PATH;

    NoteException e = sendFailing(url, Map.of("retries", 1));

    assertThat(waits).hasSize(1);
    assertThat(e)
        .hasMessage(
            "could not deliver to Slack (127.0.0.1:"
                + port
                + ") in 2 attempts: could not connect to 127.0.0.1:"
                + port
                + " — check the runner's network and proxy");
    assertThat(stackTraceOf(e)).doesNotContain(FakeSlack.TOKEN);
  }

  @Test
  void webhookUrlAppearsInNoMessageOrStackTrace() throws Exception {
    List<Answer> failures =
        List.of(
            Answer.of(404, "no_service"),
            Answer.of(403, "invalid_token"),
            Answer.of(500, "echo " + FakeSlack.PATH),
            Answer.of(400, "http://127.0.0.1" + FakeSlack.PATH),
            Answer.silence());
    for (Answer failure : failures) {
      try (FakeSlack slack = new FakeSlack(failure)) {
        NoteException e = sendFailing(slack.url(), Map.of("retries", 0, "timeout", 0.5));

        assertThat(stackTraceOf(e))
            .as("answer %s", failure)
            .contains(slack.host())
            .doesNotContain(FakeSlack.TOKEN)
            .doesNotContain("/services/");
      }
    }
  }

  private void send(String url, Map<String, Object> options) throws NoteException {
    note.send(
        withUrl(url, options), Results.succeeded("weather", "sunny"), context(Optional.empty()));
  }

  private NoteException sendFailing(String url, Map<String, Object> options) {
    return catchThrowableOfType(NoteException.class, () -> send(url, options));
  }

  private static NoteOptions withUrl(String url, Map<String, Object> options) {
    Map<String, Object> all = new java.util.LinkedHashMap<>(options);
    all.put("webhook_url", url);
    return new NoteOptions(all);
  }

  /** Everything {@code --debug} would print: messages and causes with their stack traces. */
  private static String stackTraceOf(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
