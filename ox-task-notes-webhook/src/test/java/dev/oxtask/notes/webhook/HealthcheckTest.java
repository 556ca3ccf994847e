package dev.oxtask.notes.webhook;

import static dev.oxtask.notes.webhook.Results.context;
import static dev.oxtask.notes.webhook.Results.options;
import static dev.oxtask.notes.webhook.TelegramTest.assertNeverShown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oxtask.core.note.NoteException;
import dev.oxtask.notes.webhook.FakeService.Answer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Healthcheck's pings, as a healthchecks.io-like service on 127.0.0.1 receives them. */
class HealthcheckTest {

  static final String CHECK = "/0e1c2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6";

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final Healthcheck note = new Healthcheck(new HttpDelivery(waits::add));

  private List<String> pings(FakeService service) {
    return service.requests().stream().map(r -> r.method() + " " + r.path()).toList();
  }

  @Test
  void aSuccessPingsStartThenTheUrlWithTheOutput() throws Exception {
    try (FakeService hc = FakeService.answering(Answer.ok("OK"))) {
      note.started(options("url", hc.url(CHECK)), "backup", context());
      note.send(
          options("url", hc.url(CHECK)), Results.succeeded("backup", "saved 3 files\n"), context());

      assertThat(pings(hc)).containsExactly("POST " + CHECK + "/start", "POST " + CHECK);
      assertThat(hc.requests().get(0).body()).isEmpty();
      assertThat(hc.requests().get(1).body())
          .isEqualTo("backup succeeded in 1.2s\nsaved 3 files\n");
    }
  }

  @Test
  void aFailurePingsFailWithTheEndOfStderr() throws Exception {
    try (FakeService hc = FakeService.answering(Answer.ok("OK"))) {
      note.send(
          options("url", hc.url(CHECK + "/")),
          Results.failed("backup", "copying\n", "disk full\n"),
          context());

      FakeService.Request ping = hc.only();
      assertThat(ping.path()).isEqualTo(CHECK + "/fail");
      assertThat(ping.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
      assertThat(ping.body())
          .isEqualTo("backup failed (exit 2)\ncopying\n--- stderr ---\ndisk full\n");
    }
  }

  @Test
  void urlsGivenOneByOneAreUsedAndAMissingOneIsNotPinged() throws Exception {
    try (FakeService hc = FakeService.answering(Answer.ok("OK"))) {
      var options =
          options(
              "success_url",
              hc.url("/push/abc?status=up"),
              "fail_url",
              hc.url("/push/abc?status=down"));
      note.started(options, "backup", context());
      note.send(options, Results.succeeded("backup", ""), context());
      note.send(options, Results.timedOut("backup"), context());

      assertThat(hc.requests())
          .extracting(r -> r.path() + "?" + r.query())
          .containsExactly("/push/abc?status=up", "/push/abc?status=down");
    }
  }

  @Test
  void aMissingCheckIsNotRetriedAndItsUrlIsNeverShown() throws Exception {
    try (FakeService hc = FakeService.answering(Answer.of(404, "not found"))) {
      NoteException e =
          catchThrowableOfType(
              NoteException.class,
              () -> note.started(options("url", hc.url(CHECK)), "backup", context()));

      assertThat(hc.requests()).hasSize(1);
      assertThat(e.getMessage())
          .isEqualTo(
              "Healthcheck ("
                  + hc.host()
                  + ") refused the message: HTTP 404 not found — no check has this ping URL"
                  + " (deleted, or the URL is incomplete); copy it from the check's page into the"
                  + " variable url (or start_url, success_url, fail_url) reads");
      assertNeverShown(e, "0e1c2f3a");
    }
  }

  @Test
  void aCheckIdTheServiceEchoesIsMaskedToo() throws Exception {
    try (FakeService hc =
        FakeService.answering(Answer.of(404, "no check 0e1c2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6"))) {
      NoteException e =
          catchThrowableOfType(
              NoteException.class,
              () -> note.started(options("url", hc.url(CHECK)), "backup", context()));

      assertThat(e.getMessage()).contains("HTTP 404 no check *** — ");
      assertNeverShown(e, "0e1c2f3a");
    }
  }

  @Test
  void aSilentServiceTimesOutPerAttempt() throws Exception {
    try (FakeService hc = new FakeService(Answer.silence(), Answer.silence())) {
      NoteException e =
          catchThrowableOfType(
              NoteException.class,
              () ->
                  note.send(
                      options("url", hc.url(CHECK), "timeout", 0.3, "retries", 1),
                      Results.succeeded("backup", ""),
                      context()));

      assertThat(e.getMessage())
          .isEqualTo(
              "could not deliver to Healthcheck ("
                  + hc.host()
                  + ") in 2 attempts: "
                  + hc.host()
                  + " did not answer within 0.3s (timeout)");
      assertNeverShown(e, "0e1c2f3a");
    }
  }

  @Test
  void aUrlOrAnEndUrlIsRequired() {
    assertThat(note.validate(options("start_url", "https://hc-ping.com/x/start")))
        .extracting(p -> p.key() + ": " + p.message())
        .containsExactly(
            "url: is required (or success_url and fail_url): the check's ping URL, e.g."
                + " \"$HEALTHCHECK_URL\" for https://hc-ping.com/<uuid>");
    assertThat(note.validate(options("url", "$HEALTHCHECK_URL"))).isEmpty();
  }
}
