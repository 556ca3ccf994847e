package dev.oxtask.notes.webhook;

import static dev.oxtask.notes.webhook.Results.context;
import static dev.oxtask.notes.webhook.Results.options;
import static dev.oxtask.notes.webhook.TelegramTest.assertNeverShown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.notes.webhook.FakeService.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Webhook against a service on 127.0.0.1. */
class WebhookTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final Webhook note = new Webhook(new HttpDelivery(waits::add));

  @Test
  void theDefaultBodyIsTheResultAsTheReportWritesIt() throws Exception {
    try (FakeService service = new FakeService()) {
      note.send(
          options("url", service.url("/hooks/results")),
          Results.failed("backup", "copying\n", "disk full\n"),
          context());

      FakeService.Request request = service.only();
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/hooks/results");
      assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
      assertThat(JSON.readTree(request.body()))
          .isEqualTo(
              JSON.readTree(
                  """
                  {"job": "backup", "status": "failed", "exit_code": 2,
                   "output": "copying\\n", "stderr": "disk full\\n",
                   "command": ["./backup.sh"], "cwd": "/tmp/ox_task/jobs/backup",
                   "started_at": "2026-11-28T06:00:00.250Z", "duration_s": 1.234, "attempts": 1,
                   "error": "exited with code 2", "output_truncated": false,
                   "stderr_truncated": false, "log_files": ["/tmp/ox_task/runs/r1/backup.stdout"]}
                  """));
    }
  }

  @Test
  void aBodyTemplateGetsJsonEscapedValuesAndHeadersAreSent() throws Exception {
    String body =
        """
        {"text": "{{sentence}} on {{host}}", "code": {{exit_code}}, "tail": "{{output_tail}}",
         "result": {{result}}}
        """;
    try (FakeService service = new FakeService()) {
      note.send(
          options(
              "url",
              service.url("/api/notify"),
              "method",
              "PUT",
              "headers",
              Map.of("Authorization", "Bearer s3cr3t-api-token", "X-Source", "ox_task"),
              "body",
              body),
          Results.succeeded("say \"hi\"", "line 1\n\"quoted\" \\ back\n"),
          context());

      FakeService.Request request = service.only();
      assertThat(request.method()).isEqualTo("PUT");
      assertThat(request.header("Authorization")).isEqualTo("Bearer s3cr3t-api-token");
      assertThat(request.header("X-Source")).isEqualTo("ox_task");
      var sent = JSON.readTree(request.body());
      assertThat(sent.get("text").asText()).isEqualTo("say \"hi\" succeeded in 1.2s on runner-1");
      assertThat(sent.get("code").asInt()).isZero();
      assertThat(sent.get("tail").asText()).isEqualTo("line 1\n\"quoted\" \\ back");
      assertThat(sent.get("result").get("job").asText()).isEqualTo("say \"hi\"");
    }
  }

  @Test
  void aPlainTextBodyIsSentAsWritten() throws Exception {
    try (FakeService service = new FakeService()) {
      note.send(
          options(
              "url", service.url("/"),
              "content_type", "text/plain",
              "body", "{{job}}: {{status}} \"{{error}}\""),
          Results.timedOut("backup"),
          context());

      FakeService.Request request = service.only();
      assertThat(request.header("Content-Type")).isEqualTo("text/plain");
      assertThat(request.body())
          .isEqualTo("backup: timeout \"timed out after 1s; its process tree was stopped\"");
    }
  }

  @Test
  void aRefusalIsNotRetriedAndSecretHeadersAndTheUrlAreNeverShown() throws Exception {
    try (FakeService service =
        new FakeService(Answer.of(401, "bad token Bearer s3cr3t-api-token for /hooks/pRiVaTe"))) {
      NoteException e =
          catchThrowableOfType(
              NoteException.class,
              () ->
                  note.send(
                      options(
                          "url", service.url("/hooks/pRiVaTe"),
                          "headers", Map.of("Authorization", "Bearer s3cr3t-api-token")),
                      Results.succeeded("a", "ok"),
                      context()));

      assertThat(service.requests()).hasSize(1);
      assertThat(e)
          .hasMessage(
              "Webhook ("
                  + service.host()
                  + ") refused the message: HTTP 401 bad token *** for *** — the service refused"
                  + " the credentials; check headers (e.g. Authorization)");
      assertNeverShown(e, "s3cr3t-api-token");
      assertNeverShown(e, "pRiVaTe");
    }
  }

  @Test
  void secretHeadersAreKnownByName() {
    assertThat(Webhook.isSecretHeader("Authorization")).isTrue();
    assertThat(Webhook.isSecretHeader("X-Api-Key")).isTrue();
    assertThat(Webhook.isSecretHeader("X-Auth-Token")).isTrue();
    assertThat(Webhook.isSecretHeader("X-Source")).isFalse();
  }

  @Test
  void anUnknownPlaceholderListsTheKnownOnes() {
    assertThat(
            note.validate(options("url", "https://example.org/", "body", "{\"t\": \"{{jbo}}\"}")))
        .extracting(p -> p.key() + ": " + p.message())
        .containsExactly(
            "body: unknown placeholder {{jbo}}; placeholders: {{job}}, {{status}}, {{exit_code}},"
                + " {{duration_s}}, {{started_at}}, {{sentence}}, {{error}}, {{output_tail}},"
                + " {{host}}, {{run_url}}, {{note}}, {{result}}");
  }

  @Test
  void aJsonBodyThatIsNotJsonIsAProblem() {
    assertThat(note.validate(options("url", "https://example.org/", "body", "{\"t\": {{job}} }")))
        .extracting(p -> p.key() + ": " + p.message())
        .isEmpty();
    assertThat(note.validate(options("url", "https://example.org/", "body", "{\"t\": \"x\",}")))
        .extracting(p -> p.key() + ": " + p.message())
        .singleElement()
        .asString()
        .startsWith("body: is not JSON though content_type is application/json (line 1, column");
  }

  @Test
  void methodAndHeadersAreChecked() {
    assertThat(
            note.validate(
                options("url", "https://example.org/", "method", "GET", "headers", List.of("x"))))
        .extracting(p -> p.key() + ": " + p.message())
        .containsExactlyInAnyOrder(
            "method: must be one of POST, PUT, not 'GET'",
            "headers: must be an object of header names and string values, e.g."
                + " {\"Authorization\": \"Bearer $API_TOKEN\"}");
  }

  @Test
  void aHeaderTheHttpClientSetsItselfIsAProblem() {
    assertThat(
            note.validate(
                options("url", "https://example.org/", "headers", Map.of("Host", "example.org"))))
        .extracting(p -> p.key() + ": " + p.message())
        .containsExactly("headers: 'Host' is set by the HTTP client itself and cannot be given");
  }

  @Test
  void aHeaderValueThatCannotBeSentIsANoteFailureWithoutTheValue() throws Exception {
    try (FakeService service = new FakeService()) {
      NoteException e =
          catchThrowableOfType(
              NoteException.class,
              () ->
                  note.send(
                      options(
                          "url", service.url("/"),
                          "headers", Map.of("X-Api-Key", "line1\nline2-s3cr3t")),
                      Results.succeeded("a", "ok"),
                      context()));

      assertThat(e.getMessage())
          .startsWith("could not send to Webhook (" + service.host() + "): ")
          .endsWith(" — check the note's headers");
      assertNeverShown(e, "s3cr3t");
      assertThat(service.requests()).isEmpty();
    }
  }
}
