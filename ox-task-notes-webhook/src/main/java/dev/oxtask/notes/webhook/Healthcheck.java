package dev.oxtask.notes.webhook;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Pings a dead-man's-switch service (healthchecks.io, Cronitor, Uptime Kuma, Better Stack) when a
 * job starts and when it ends, so the service alerts when a run is late, never comes, or fails:
 * {@code <url>/start}, then {@code <url>} on success or {@code <url>/fail} otherwise, as
 * healthchecks.io names them; {@code start_url}, {@code success_url} and {@code fail_url} set them
 * one by one for other services. The end ping's body is the end of the output.
 */
@Extension
public final class Healthcheck implements Note {

  static final String URL = "url";
  static final String START_URL = "start_url";
  static final String SUCCESS_URL = "success_url";
  static final String FAIL_URL = "fail_url";

  /** Bytes of output sent with the end ping; healthchecks.io keeps up to 100 kB of a body. */
  static final int BODY_LIMIT = 10_000;

  private static final Set<String> OPTIONS = Limits.withOwn(URL, START_URL, SUCCESS_URL, FAIL_URL);

  private final HttpDelivery delivery;

  public Healthcheck() {
    this(new HttpDelivery(HttpDelivery.REAL_SLEEP));
  }

  Healthcheck(HttpDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    NoteOptions.Check check =
        options
            .check()
            .allowOnly(OPTIONS)
            .optionalString(URL)
            .optionalString(START_URL)
            .optionalString(SUCCESS_URL)
            .optionalString(FAIL_URL);
    Limits.check(check);
    if (!options.has(URL) && !options.has(SUCCESS_URL) && !options.has(FAIL_URL)) {
      check.add(
          URL,
          "is required (or success_url and fail_url): the check's ping URL, e.g."
              + " \"$HEALTHCHECK_URL\" for https://hc-ping.com/<uuid>");
    }
    for (String key : List.of(URL, START_URL, SUCCESS_URL, FAIL_URL)) {
      WebAddress.check(options, key, "\"https://hc-ping.com/<uuid>\"", check);
    }
    return check.problems();
  }

  @Override
  public void started(NoteOptions options, String job, NoteContext context) throws NoteException {
    Optional<URI> start = ping(options, START_URL, "/start");
    if (start.isPresent()) {
      delivery.send(request(start.get(), ""), Limits.of(options), Healthcheck::explain);
    }
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    boolean failed = ResultText.isFailure(result.status());
    Optional<URI> end = failed ? ping(options, FAIL_URL, "/fail") : ping(options, SUCCESS_URL, "");
    if (end.isEmpty()) {
      return;
    }
    String body = ResultText.sentence(result);
    String error = ResultText.error(result);
    if (!error.isEmpty()) {
      body += "\n" + error;
    }
    String tail =
        Tail.of(
            ResultText.output(result),
            BODY_LIMIT - body.length() - 1,
            line -> line,
            line -> line.getBytes(StandardCharsets.UTF_8).length);
    if (!tail.isEmpty()) {
      body += "\n" + tail;
    }
    delivery.send(request(end.get(), body + "\n"), Limits.of(options), Healthcheck::explain);
  }

  /**
   * The URL to ping: the option {@code key} when given, else {@code url} with {@code suffix}, else
   * none.
   */
  private static Optional<URI> ping(NoteOptions options, String key, String suffix)
      throws NoteException {
    if (options.has(key)) {
      return Optional.of(WebAddress.require(options, key));
    }
    if (!options.has(URL)) {
      return Optional.empty();
    }
    String base = options.string(URL, "").strip().replaceAll("/+$", "");
    return Optional.of(WebAddress.require(URL, base.isEmpty() ? "" : base + suffix));
  }

  private static WebRequest request(URI uri, String body) {
    return new WebRequest(
        "Healthcheck",
        "POST",
        uri,
        Map.of("Content-Type", "text/plain; charset=utf-8"),
        body,
        List.of());
  }

  /** What the ping service's refusal means. */
  static String explain(int status, String body) {
    String said = HttpDelivery.firstLine(body);
    String advice =
        switch (status) {
          case 404 ->
              "no check has this ping URL (deleted, or the URL is incomplete); copy it from the"
                  + " check's page into the variable url (or start_url, success_url, fail_url)"
                  + " reads";
          case 400 -> "the ping URL is malformed; copy it again from the check's page";
          case 401, 403 ->
              "the service refused the ping URL's key; copy it again from the check's page";
          default -> "see the ping service's documentation";
        };
    return (said.isEmpty() ? "" : said + " — ") + advice;
  }
}
