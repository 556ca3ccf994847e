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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Discord against a webhook endpoint on 127.0.0.1. */
class DiscordTest {

  static final String PATH = "/api/webhooks/1180000000000000000/dIsCoRdSeCrEtToKeN_0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final Discord note = new Discord(new HttpDelivery(waits::add));

  @Test
  void postsAContentLineAndAnEmbedThatMentionsNobody() throws Exception {
    try (FakeService discord = FakeService.answering(Answer.of(204, ""))) {
      note.send(
          options("webhook_url", discord.url(PATH), "username", "ox_task"),
          Results.failed("backup", "copying\n@everyone ```rm```", "disk full"),
          context());

      FakeService.Request request = discord.only();
      assertThat(request.path()).isEqualTo(PATH);
      JsonNode sent = JSON.readTree(request.body());
      assertThat(sent)
          .isEqualTo(
              JSON.readTree(
                  """
                  {"content": "❌ backup failed (exit 2)",
                   "username": "ox_task",
                   "allowed_mentions": {"parse": []},
                   "embeds": [{
                     "title": "backup failed (exit 2)",
                     "url": "https://github.com/acme/jobs/actions/runs/42",
                     "color": 14687834,
                     "description": "```\\ncopying\\n@everyone `\u200B`\u200B`rm`\u200B`\u200B`\\n--- stderr ---\\ndisk full\\n```",
                     "fields": [
                       {"name": "Status", "value": "failed", "inline": true},
                       {"name": "Exit code", "value": "2", "inline": true},
                       {"name": "Duration", "value": "1.2s", "inline": true},
                       {"name": "Host", "value": "runner-1", "inline": true}],
                     "timestamp": "2026-11-28T06:00:00.250Z",
                     "footer": {"text": "ox_task note alerts"}}]}
                  """));
    }
  }

  @Test
  void longOutputFitsTheEmbedDescriptionLimitKeepingTheEnd() throws Exception {
    String output = "x".repeat(3000) + "\n" + "y".repeat(3000) + "\nlast line";
    try (FakeService discord = FakeService.answering(Answer.of(204, ""))) {
      note.send(
          options("webhook_url", discord.url(PATH)), Results.succeeded("big", output), context());

      JsonNode embed = JSON.readTree(discord.only().body()).get("embeds").get(0);
      String description = embed.get("description").asText();
      assertThat(description.length()).isLessThanOrEqualTo(Discord.DESCRIPTION_LIMIT);
      assertThat(description).startsWith("```\n…\nyyy").endsWith("\nlast line\n```");
    }
  }

  @Test
  void aLongJobNameStaysWithinTheContentAndTitleLimits() throws Exception {
    String job = "j".repeat(3000);
    try (FakeService discord = FakeService.answering(Answer.of(204, ""))) {
      note.send(options("webhook_url", discord.url(PATH)), Results.succeeded(job, ""), context());

      JsonNode sent = JSON.readTree(discord.only().body());
      assertThat(sent.get("content").asText()).hasSize(Discord.CONTENT_LIMIT).endsWith("…");
      assertThat(sent.get("embeds").get(0).get("title").asText()).hasSize(Discord.TITLE_LIMIT);
    }
  }

  @Test
  void rateLimitWaitsTheRetryAfterOfTheJsonBody() throws Exception {
    String limited =
        "{\"message\": \"You are being rate limited.\", \"retry_after\": 0.75, \"global\": false}";
    try (FakeService discord = new FakeService(Answer.of(429, limited), Answer.of(204, ""))) {
      note.send(options("webhook_url", discord.url(PATH)), Results.succeeded("a", "ok"), context());

      assertThat(discord.requests()).hasSize(2);
      assertThat(waits).containsExactly(Duration.ofMillis(750));
    }
  }

  @Test
  void rateLimitWaitsTheRetryAfterHeaderCappedByMaxWait() throws Exception {
    try (FakeService discord =
        new FakeService(Answer.of(429, "", "Retry-After", "3600"), Answer.of(204, ""))) {
      note.send(
          options("webhook_url", discord.url(PATH), "max_wait", 0.2),
          Results.succeeded("a", "ok"),
          context());

      assertThat(waits).containsExactly(Duration.ofMillis(200));
    }
  }

  @Test
  void unknownWebhookIsNotRetriedAndTheUrlIsNeverShown() throws Exception {
    try (FakeService discord =
        new FakeService(Answer.of(404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}"))) {
      NoteException e =
          catchThrowableOfType(
              NoteException.class,
              () ->
                  note.send(
                      options("webhook_url", discord.url(PATH)),
                      Results.succeeded("a", "ok"),
                      context()));

      assertThat(discord.requests()).hasSize(1);
      assertThat(e)
          .hasMessage(
              "Discord ("
                  + discord.host()
                  + ") refused the message: HTTP 404 Unknown Webhook — the webhook does not exist"
                  + " (deleted, or webhook_url is incomplete); create one in the channel's settings"
                  + " (Integrations → Webhooks) and store its URL in the variable webhook_url reads");
      assertNeverShown(e, "dIsCoRdSeCrEtToKeN");
    }
  }

  @Test
  void aWebhookUrlThatIsNotAUrlAfterSubstitutionNamesTheVariable() {
    NoteException e =
        catchThrowableOfType(
            NoteException.class,
            () ->
                note.send(
                    options("webhook_url", "$DISCORD_WEBHOOK_URL"),
                    Results.succeeded("a", "ok"),
                    context()));

    assertThat(e)
        .hasMessage(
            "webhook_url is not an http(s) URL after substitution — is the variable"
                + " DISCORD_WEBHOOK_URL set in the job's environment?");
  }

  @Test
  void optionsAreChecked() {
    assertThat(note.validate(options("webhook_url", "discord.com/api/webhooks/1", "retries", -1)))
        .extracting(p -> p.key() + ": " + p.message())
        .containsExactlyInAnyOrder(
            "retries: must be a whole number of at least 0, not -1",
            "webhook_url: must be an http(s) URL, e.g. \"$DISCORD_WEBHOOK_URL\"");
    assertThat(note.validate(options("webhook_url", "$DISCORD_WEBHOOK_URL"))).isEmpty();
  }
}
