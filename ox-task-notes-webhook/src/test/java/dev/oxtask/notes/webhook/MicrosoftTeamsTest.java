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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** MicrosoftTeams against a Workflows trigger on 127.0.0.1. */
class MicrosoftTeamsTest {

  static final String PATH =
      "/workflows/0a1b2c3d/triggers/manual/paths/invoke?api-version=2016-06-01&sig=TeAmSsIgNaTuRe42";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final MicrosoftTeams note = new MicrosoftTeams(new HttpDelivery(waits::add));

  @Test
  void postsAnAdaptiveCardWithFactsAndTheOutput() throws Exception {
    try (FakeService teams = FakeService.answering(Answer.of(202, ""))) {
      note.send(
          options("webhook_url", teams.url(PATH)),
          Results.succeeded("weather", "Sunny\n"),
          context());

      FakeService.Request request = teams.only();
      assertThat(request.query()).isEqualTo("api-version=2016-06-01&sig=TeAmSsIgNaTuRe42");
      assertThat(JSON.readTree(request.body()))
          .isEqualTo(
              JSON.readTree(
                  """
                  {"type": "message",
                   "attachments": [{
                     "contentType": "application/vnd.microsoft.card.adaptive",
                     "contentUrl": null,
                     "content": {
                       "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                       "type": "AdaptiveCard",
                       "version": "1.4",
                       "msteams": {"width": "Full"},
                       "body": [
                         {"type": "TextBlock", "text": "✅ weather succeeded in 1.2s", "wrap": true,
                          "weight": "Bolder", "size": "Medium", "color": "Good"},
                         {"type": "FactSet", "facts": [
                           {"title": "Job", "value": "weather"},
                           {"title": "Status", "value": "success"},
                           {"title": "Exit code", "value": "0"},
                           {"title": "Duration", "value": "1.2s"},
                           {"title": "Host", "value": "runner-1"}]},
                         {"type": "TextBlock", "text": "Sunny", "wrap": true,
                          "fontType": "Monospace", "size": "Small"}],
                       "actions": [{"type": "Action.OpenUrl", "title": "GitHub Actions run",
                                    "url": "https://github.com/acme/jobs/actions/runs/42"}]}}]}
                  """));
    }
  }

  @Test
  void outputIsCutToTheByteLimitKeepingItsEnd() throws Exception {
    String output =
        IntStream.rangeClosed(1, 5000)
            .mapToObj(i -> "zeile ü " + i)
            .collect(Collectors.joining("\n"));
    try (FakeService teams = FakeService.answering(Answer.of(202, ""))) {
      note.send(
          options("webhook_url", teams.url(PATH)), Results.succeeded("big", output), context());

      JsonNode body = JSON.readTree(teams.only().body()).at("/attachments/0/content/body");
      String shown = body.get(body.size() - 1).get("text").asText();
      assertThat(shown.getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(MicrosoftTeams.OUTPUT_LIMIT);
      assertThat(shown).startsWith("…\n").endsWith("\nzeile ü 5000");
    }
  }

  @Test
  void serverErrorThenAcceptedIsRetried() throws Exception {
    try (FakeService teams =
        FakeService.answering(Answer.of(202, ""), Answer.of(503, "Service Unavailable"))) {
      note.send(options("webhook_url", teams.url(PATH)), Results.succeeded("a", "ok"), context());

      assertThat(teams.requests()).hasSize(2);
      assertThat(waits).hasSize(1);
    }
  }

  @Test
  void aRefusedSignatureIsNotRetriedAndNeverShown() throws Exception {
    try (FakeService teams =
        new FakeService(
            Answer.of(401, "{\"error\":{\"code\":\"DirectApiAuthorizationRequired\"}}"))) {
      NoteException e =
          catchThrowableOfType(
              NoteException.class,
              () ->
                  note.send(
                      options("webhook_url", teams.url(PATH)),
                      Results.succeeded("a", "ok"),
                      context()));

      assertThat(teams.requests()).hasSize(1);
      assertThat(e.getMessage())
          .startsWith("Microsoft Teams (" + teams.host() + ") refused the message: HTTP 401 ")
          .contains("the workflow refused the URL's signature");
      assertNeverShown(e, "TeAmSsIgNaTuRe42");
    }
  }
}
