package dev.oxtask.notes.webhook;

import static dev.oxtask.notes.webhook.Results.context;
import static dev.oxtask.notes.webhook.Results.options;
import static dev.oxtask.notes.webhook.TelegramTest.assertNeverShown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.notes.webhook.FakeService.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Ntfy against an ntfy server on 127.0.0.1. */
class NtfyTest {

  static final String TOKEN = "tk_ntfyAccessToken0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final Ntfy note = new Ntfy(new HttpDelivery(waits::add));

  @Test
  void publishesJsonWithPriorityAndTagsOfASuccess() throws Exception {
    try (FakeService ntfy = new FakeService()) {
      note.send(
          options("server", ntfy.url(""), "topic", "ops-alerts"),
          Results.succeeded("weather", "Sunny\n"),
          context());

      FakeService.Request request = ntfy.only();
      assertThat(request.path()).isEqualTo("/");
      assertThat(request.header("Authorization")).isNull();
      assertThat(JSON.readTree(request.body()))
          .isEqualTo(
              JSON.readTree(
                  """
                  {"topic": "ops-alerts",
                   "title": "weather succeeded in 1.2s",
                   "message": "host: runner-1\\nSunny",
                   "priority": 3,
                   "tags": ["white_check_mark", "ox_task"],
                   "click": "https://github.com/acme/jobs/actions/runs/42"}
                  """));
    }
  }

  @Test
  void aFailureIsHighPriorityAndTheTokenGoesAsBearerAuth() throws Exception {
    try (FakeService ntfy = new FakeService()) {
      note.send(
          options("server", ntfy.url("/"), "topic", "ops-alerts", "token", TOKEN),
          Results.timedOut("backup"),
          context());

      FakeService.Request request = ntfy.only();
      assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
      JsonNode sent = JSON.readTree(request.body());
      assertThat(sent.get("priority").asInt()).isEqualTo(4);
      assertThat(sent.get("tags").get(0).asText()).isEqualTo("hourglass");
      assertThat(sent.get("message").asText())
          .isEqualTo(
              "host: runner-1\ntimed out after 1s; its process tree was stopped\nworking...");
    }
  }

  @Test
  void theMessageStaysWithinNtfysByteLimit() throws Exception {
    String output = "€".repeat(1000) + "\n" + "ü".repeat(1500) + "\nend";
    try (FakeService ntfy = new FakeService()) {
      note.send(
          options("server", ntfy.url(""), "topic", "t1"),
          Results.succeeded("big", output),
          context());

      String message = JSON.readTree(ntfy.only().body()).get("message").asText();
      assertThat(message.getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(Ntfy.MESSAGE_LIMIT);
      assertThat(message).startsWith("host: runner-1\n…\nüü").endsWith("\nend");
    }
  }

  @Test
  void aRefusedTokenIsNotRetriedAndNeverShown() throws Exception {
    try (FakeService ntfy =
        new FakeService(
            Answer.of(401, "{\"code\":40101,\"http\":401,\"error\":\"unauthorized\"}"))) {
      NoteException e =
          catchThrowableOfType(
              NoteException.class,
              () ->
                  note.send(
                      options("server", ntfy.url(""), "topic", "ops-alerts", "token", TOKEN),
                      Results.succeeded("a", "ok"),
                      context()));

      assertThat(ntfy.requests()).hasSize(1);
      assertThat(e.getMessage())
          .isEqualTo(
              "ntfy ("
                  + ntfy.host()
                  + ") refused the message: HTTP 401 {\"code\":40101,\"http\":401,\"error\":\"unauthorized\"}"
                  + " — the server wants a login for this topic, or token is wrong; check token (an"
                  + " access token, tk_...) and the topic's access rights");
      assertNeverShown(e, TOKEN);
    }
  }

  @Test
  void rateLimitedWaitsRetryAfter() throws Exception {
    try (FakeService ntfy = new FakeService(Answer.of(429, "", "Retry-After", "2"))) {
      note.send(
          options("server", ntfy.url(""), "topic", "t1"), Results.succeeded("a", ""), context());

      assertThat(ntfy.requests()).hasSize(2);
      assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }
  }

  @Test
  void aTopicThatIsNotOneIsAProblem() {
    assertThat(note.validate(options("topic", "my alerts")))
        .extracting(p -> p.key() + ": " + p.message())
        .containsExactly("topic: must be 1 to 64 letters, digits, - or _, not 'my alerts'");
    assertThat(note.validate(options("topic", "$NTFY_TOPIC", "token", "$NTFY_TOKEN"))).isEmpty();
  }
}
