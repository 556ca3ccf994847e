package dev.oxtask.notes.webhook;

import static dev.oxtask.notes.webhook.Results.context;
import static dev.oxtask.notes.webhook.Results.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import dev.oxtask.notes.webhook.FakeService.Answer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Telegram and TelegramNotifier against a Bot API server on 127.0.0.1. */
class TelegramTest {

  static final String TOKEN = "123456789:AAHsEcReTtOkEn-abcdefghij0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final Telegram note = new Telegram(new HttpDelivery(waits::add));

  private NoteOptions telegram(FakeService api, Object... more) {
    Object[] all = new Object[6 + more.length];
    System.arraycopy(
        new Object[] {"token", TOKEN, "chat_id", "-1001234567890", "base_url", api.url("")},
        0,
        all,
        0,
        6);
    System.arraycopy(more, 0, all, 6, more.length);
    return options(all);
  }

  @Test
  void postsSendMessageWithHtmlEscapedTextToTheBotsPath() throws Exception {
    try (FakeService api = new FakeService()) {
      note.send(
          telegram(api), Results.succeeded("weather", "Sunny <b>21°C</b> & calm\n"), context());

      FakeService.Request request = api.only();
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
      assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
      assertThat(JSON.readTree(request.body()))
          .isEqualTo(
              JSON.readTree(
                  """
                  {"chat_id": -1001234567890,
                   "text": "✅ <b>weather succeeded in 1.2s</b>\\nhost: runner-1 · <a href=\\"https://github.com/acme/jobs/actions/runs/42\\">GitHub Actions run</a>\\n<pre>Sunny &lt;b&gt;21°C&lt;/b&gt; &amp; calm</pre>",
                   "parse_mode": "HTML",
                   "disable_notification": false,
                   "link_preview_options": {"is_disabled": true}}
                  """));
    }
  }

  @Test
  void aFailedJobShowsTheEndOfStderrAndDisableNotificationIsPassedOn() throws Exception {
    try (FakeService api = new FakeService()) {
      note.send(telegram(api, "disable_notification", true), Results.timedOut("backup"), context());

      JsonNode sent = JSON.readTree(api.only().body());
      assertThat(sent.get("disable_notification").asBoolean()).isTrue();
      assertThat(sent.get("text").asText())
          .startsWith("⏱ <b>backup timed out after 1.2s</b>\n<i>timed out after 1s;")
          .endsWith("<pre>working...</pre>");
    }
  }

  @Test
  void longOutputIsCutToTelegramsLimitKeepingItsLastLines() throws Exception {
    String output =
        IntStream.rangeClosed(1, 2000)
            .mapToObj(i -> "line <" + i + ">")
            .collect(Collectors.joining("\n"));
    try (FakeService api = new FakeService()) {
      note.send(telegram(api), Results.succeeded("big", output), context());

      String text = JSON.readTree(api.only().body()).get("text").asText();
      assertThat(text.length()).isLessThanOrEqualTo(Telegram.TEXT_LIMIT).isGreaterThan(3900);
      assertThat(text).contains("<pre>…\n").endsWith("line &lt;2000&gt;</pre>");
      assertThat(text).doesNotContain("line &lt;1&gt;\n");
    }
  }

  @Test
  void rateLimitedWaitsTheRetryAfterTelegramGivesInItsBody() throws Exception {
    String tooMany =
        "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
            + "\"parameters\":{\"retry_after\":7}}";
    try (FakeService api = new FakeService(Answer.of(429, tooMany))) {
      note.send(telegram(api), Results.succeeded("weather", "ok"), context());

      assertThat(api.requests()).hasSize(2);
      assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }
  }

  @Test
  void serverErrorsAreRetriedWithBackoffUntilTelegramTakesTheMessage() throws Exception {
    try (FakeService api = new FakeService(Answer.of(502, "Bad Gateway"), Answer.of(500, "oops"))) {
      note.send(telegram(api), Results.succeeded("weather", "ok"), context());

      assertThat(api.requests()).hasSize(3);
      assertThat(waits).hasSize(2);
      assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
      assertThat(waits.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
    }
  }

  @Test
  void unauthorizedIsNotRetriedAndSaysTheTokenIsWrongWithoutShowingIt() throws Exception {
    String body = "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}";
    try (FakeService api = new FakeService(Answer.of(401, body))) {
      NoteException e = sendFailing(telegram(api));

      assertThat(api.requests()).hasSize(1);
      assertThat(e)
          .hasMessage(
              "Telegram ("
                  + api.host()
                  + ") refused the message: HTTP 401 Unauthorized — the bot's token is wrong or was"
                  + " revoked; check token (from @BotFather)");
      assertNeverShown(e, TOKEN);
    }
  }

  @Test
  void notFoundSaysTheTokenIsProbablyWrong() throws Exception {
    String body = "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}";
    try (FakeService api = new FakeService(Answer.of(404, body))) {
      assertThat(sendFailing(telegram(api)).getMessage())
          .endsWith(
              "HTTP 404 Not Found — the Bot API knows no bot with this token; check token (from"
                  + " @BotFather), and base_url if you set one");
    }
  }

  @Test
  void chatNotFoundSaysToCheckChatId() throws Exception {
    String body =
        "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}";
    try (FakeService api = new FakeService(Answer.of(400, body))) {
      assertThat(sendFailing(telegram(api)).getMessage())
          .endsWith(
              "HTTP 400 Bad Request: chat not found — check chat_id: the bot must be a member of"
                  + " the chat, and a user must have started the bot first");
      assertThat(api.requests()).hasSize(1);
    }
  }

  @Test
  void forbiddenSaysTheBotMayNotPostToTheChat() throws Exception {
    String body =
        "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}";
    try (FakeService api = new FakeService(Answer.of(403, body))) {
      assertThat(sendFailing(telegram(api)).getMessage())
          .contains("HTTP 403 Forbidden: bot was blocked by the user — ")
          .contains("check chat_id");
    }
  }

  @Test
  void anUnreachableServerIsRetriedThenNamedByHostOnly() throws Exception {
    String closed = FakeService.closedPortUrl("");
    NoteException e =
        catchThrowableOfType(
            NoteException.class,
            () ->
                note.send(
                    options("token", TOKEN, "chat_id", "42", "base_url", closed, "retries", 1),
                    Results.succeeded("weather", "ok"),
                    context()));

    assertThat(e.getMessage())
        .isEqualTo(
            "could not deliver to Telegram ("
                + closed.substring("http://".length())
                + ") in 2 attempts: could not connect to "
                + closed.substring("http://".length())
                + " — check the address, the runner's network and proxy");
    assertThat(waits).hasSize(1);
    assertNeverShown(e, TOKEN);
  }

  @Test
  void theTokenIsASecretOptionTheEngineMasks() {
    assertThat(dev.oxtask.core.text.SecretMasker.isSecretKey(Telegram.TOKEN)).isTrue();
  }

  @Test
  void optionsAreCheckedWithTheirFixes() {
    List<OptionProblem> problems =
        note.validate(
            options(
                "chat_id",
                "my chat",
                "base_url",
                "api.telegram.org",
                "disable_notification",
                "yes"));

    assertThat(problems)
        .extracting(p -> p.key() + ": " + p.message())
        .containsExactlyInAnyOrder(
            "token: is required: the bot's token from @BotFather, e.g. \"$TELEGRAM_TOKEN\"",
            "disable_notification: must be true or false, not 'yes'",
            "chat_id: must be a chat's number (e.g. -1001234567890), a public channel's @name, or a"
                + " variable, not 'my chat'",
            "base_url: must be an http(s) URL, e.g. https://api.telegram.org");
  }

  @Test
  void telegramNotifierTakesTheOriginalsKeysAndSends() throws Exception {
    TelegramNotifier original = new TelegramNotifier(note);
    NoteOptions keys = options("token", TOKEN, "chat_id", "$TELEGRAM_CHAT_ID");
    assertThat(original.validate(keys)).isEmpty();
    assertThat(
            original.validate(options("token", TOKEN, "chat_id", 42, "disable_notification", true)))
        .extracting(OptionProblem::key)
        .containsExactly("disable_notification");

    try (FakeService api = new FakeService()) {
      original.send(
          options("token", TOKEN, "chat_id", "42", "base_url", api.url("/")),
          Results.failed("weather", "", "no network"),
          context());

      FakeService.Request request = api.only();
      assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
      JsonNode sent = JSON.readTree(request.body());
      assertThat(sent.get("chat_id").asLong()).isEqualTo(42);
      assertThat(sent.get("text").asText())
          .isEqualTo(
              "❌ <b>weather failed (exit 2)</b>\nhost: runner-1 · <a"
                  + " href=\"https://github.com/acme/jobs/actions/runs/42\">GitHub Actions"
                  + " run</a>\n<pre>no network</pre>");
    }
  }

  @Test
  void aChatIdVariableThatIsNotSetFailsBeforeSending() throws Exception {
    try (FakeService api = new FakeService()) {
      NoteException e =
          sendFailing(
              options("token", TOKEN, "chat_id", "$TELEGRAM_CHAT_ID", "base_url", api.url("")));

      assertThat(e)
          .hasMessage(
              "chat_id is empty or still holds a variable after substitution — is"
                  + " $TELEGRAM_CHAT_ID (or the variable it names) set in the job's environment?");
      assertThat(api.requests()).isEmpty();
    }
  }

  private NoteException sendFailing(NoteOptions options) {
    JobResult result = Results.succeeded("weather", "ok");
    return catchThrowableOfType(NoteException.class, () -> note.send(options, result, context()));
  }

  /** Neither the message nor the stack trace (with causes) shows {@code secret}. */
  static void assertNeverShown(Throwable e, String secret) {
    assertThat(e).isNotNull();
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(secret);
  }
}
