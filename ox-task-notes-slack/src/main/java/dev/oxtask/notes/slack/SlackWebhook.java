package dev.oxtask.notes.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/** Posts each job result to a Slack channel through an incoming webhook (spec section 6). */
@Extension
public final class SlackWebhook implements Note {

  static final String WEBHOOK_URL = "webhook_url";
  static final String TIMEOUT = "timeout";
  static final String RETRIES = "retries";
  static final String TITLE = "title";
  static final String MENTION_ON_FAILURE = "mention_on_failure";

  static final double DEFAULT_TIMEOUT_SECONDS = 10;
  static final int DEFAULT_RETRIES = 3;

  private static final Set<String> OPTIONS =
      Set.of(WEBHOOK_URL, TIMEOUT, RETRIES, TITLE, MENTION_ON_FAILURE);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookDelivery delivery;

  /** The note as plugins are loaded: Slack's real waits. */
  public SlackWebhook() {
    this(
        new WebhookDelivery(
            WebhookDelivery.RETRY_AFTER_CAP,
            WebhookDelivery.BACKOFF_BASE,
            duration -> Thread.sleep(duration.toMillis())));
  }

  SlackWebhook(WebhookDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public String name() {
    return "SlackWebhook";
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    NoteOptions.Check check =
        options
            .check()
            .requireString(
                WEBHOOK_URL, "the Slack incoming webhook's URL, e.g. \"$SLACK_WEBHOOK_URL\"")
            .optionalPositiveNumber(TIMEOUT)
            .optionalInteger(RETRIES, 0)
            .optionalString(TITLE)
            .optionalString(MENTION_ON_FAILURE)
            .allowOnly(OPTIONS);
    // Only a literal URL can be checked now; a variable is checked when the job's note is sent.
    options
        .string(WEBHOOK_URL)
        .filter(url -> !url.isBlank() && !url.contains("$") && webhookUri(url).isEmpty())
        .ifPresent(
            url ->
                check.add(
                    WEBHOOK_URL,
                    "must be an http(s) URL (https://hooks.slack.com/services/...), better read"
                        + " from a secret variable: \"$SLACK_WEBHOOK_URL\""));
    return check.problems();
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    String url = options.string(WEBHOOK_URL, "");
    URI webhook = webhookUri(url).orElseThrow(() -> new NoteException(notAUrl(url)));
    Duration timeout =
        Duration.ofMillis(
            Math.max(1, Math.round(options.number(TIMEOUT, DEFAULT_TIMEOUT_SECONDS) * 1000)));
    int retries = Math.max(0, options.integer(RETRIES, DEFAULT_RETRIES));
    String payload;
    try {
      payload =
          JSON.writeValueAsString(
              SlackMessage.of(
                  result, context, options.string(TITLE), options.string(MENTION_ON_FAILURE)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write a Slack message as JSON", e);
    }
    delivery.post(webhook, payload, timeout, retries);
  }

  /** The URL when it is an absolute http(s) URL with a host. */
  static Optional<URI> webhookUri(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean web = scheme.equals("https") || scheme.equals("http");
      return web && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      // Its message quotes the URL, a secret: the caller says what is wrong without it.
      return Optional.empty();
    }
  }

  /** Why {@code url} cannot be used, without showing it: it may be most of the secret. */
  private static String notAUrl(String url) {
    if (url.isBlank()) {
      return "webhook_url is empty after substitution — is the variable it names (e.g."
          + " $SLACK_WEBHOOK_URL) set in the job's environment?";
    }
    return "webhook_url is not an http(s) URL after substitution — is $SLACK_WEBHOOK_URL (or the"
        + " variable it names) set to the incoming webhook's URL, https://hooks.slack.com/...?";
  }
}
