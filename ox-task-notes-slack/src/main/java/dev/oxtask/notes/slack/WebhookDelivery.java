package dev.oxtask.notes.slack;

import dev.oxtask.core.note.DurationText;
import dev.oxtask.core.note.NoteException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a message to a Slack incoming webhook: retries what is transient (HTTP 429 after its {@code
 * Retry-After}, 5xx and network errors with exponential backoff and jitter), never what Slack
 * refused. The webhook URL is a secret, so every message names only its host.
 */
final class WebhookDelivery {

  /** Waits between attempts; tests record the waits instead of sleeping. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(30);
  static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
  static final Duration BACKOFF_CAP = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

  private final Duration retryAfterCap;
  private final Duration backoffBase;
  private final Sleeper sleeper;

  WebhookDelivery(Duration retryAfterCap, Duration backoffBase, Sleeper sleeper) {
    this.retryAfterCap = retryAfterCap;
    this.backoffBase = backoffBase;
    this.sleeper = sleeper;
  }

  /**
   * What one attempt came to when it did not succeed: why, and how long to wait before the next.
   */
  private record Miss(String problem, Duration delay, Optional<IOException> cause) {}

  /**
   * Delivers {@code json}, making at most {@code 1 + retries} attempts, each limited by {@code
   * timeout}.
   *
   * @throws NoteException when Slack refused the message or every attempt failed
   */
  void post(URI webhook, String json, Duration timeout, int retries) throws NoteException {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpRequest request = request(webhook, json, timeout);
    String host = hostOf(webhook);
    for (int attempt = 1; ; attempt++) {
      Optional<Miss> missed = attempt(client, request, webhook, timeout, attempt);
      if (missed.isEmpty()) {
        return;
      }
      Miss miss = missed.get();
      if (attempt > retries) {
        throw new NoteException(
            "could not deliver to Slack ("
                + host
                + ") in "
                + attempts(attempt)
                + ": "
                + miss.problem(),
            miss.cause().orElse(null));
      }
      LOG.warn(
          "Slack ({}): {}; retrying in {} (attempt {} of {})",
          host,
          miss.problem(),
          DurationText.of(miss.delay()),
          attempt + 1,
          retries + 1);
      try {
        sleeper.sleep(miss.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NoteException("sending to Slack (" + host + ") was interrupted");
      }
    }
  }

  private static HttpRequest request(URI webhook, String json, Duration timeout) {
    return HttpRequest.newBuilder(webhook)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "ox-task-notes-slack")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
  }

  /** One attempt: empty when Slack took the message, else why not and how long to wait. */
  private Optional<Miss> attempt(
      HttpClient client, HttpRequest request, URI webhook, Duration timeout, int attempt)
      throws NoteException {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.of(
          new Miss(
              describe(e, webhook, timeout), backoff(attempt), Optional.of(masked(e, webhook))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NoteException("sending to Slack (" + hostOf(webhook) + ") was interrupted");
    }
    int status = response.statusCode();
    String body = SlackRejection.firstLine(response.body(), webhook);
    if (status == 200 && body.equals("ok")) {
      return Optional.empty();
    }
    if (status == 429) {
      Duration wait = retryAfter(response).orElse(backoff(attempt));
      return Optional.of(
          new Miss("Slack is rate-limiting this webhook (HTTP 429)", wait, Optional.empty()));
    }
    if (status >= 500) {
      String problem = "Slack answered HTTP " + status + (body.isEmpty() ? "" : " " + body);
      return Optional.of(new Miss(problem, backoff(attempt), Optional.empty()));
    }
    throw new NoteException(SlackRejection.message(status, body, hostOf(webhook)));
  }

  /** Slack's {@code Retry-After} in seconds, capped so one note cannot stall the run. */
  private Optional<Duration> retryAfter(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                long seconds = Long.parseLong(value.strip());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            })
        .map(wait -> wait.compareTo(retryAfterCap) > 0 ? retryAfterCap : wait);
  }

  /** Base, 2×base, 4×base... capped, each drawn from its upper half so retries spread out. */
  private Duration backoff(int attempt) {
    long ceiling = backoffBase.toMillis() << Math.min(attempt - 1, 20);
    ceiling = Math.min(ceiling, BACKOFF_CAP.toMillis());
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }

  private static String describe(IOException e, URI webhook, Duration timeout) {
    String host = hostOf(webhook);
    if (e instanceof HttpConnectTimeoutException) {
      return "could not connect to " + host + " within " + DurationText.of(timeout) + " (timeout)";
    }
    if (e instanceof HttpTimeoutException) {
      return host + " did not answer within " + DurationText.of(timeout) + " (timeout)";
    }
    if (e instanceof ConnectException) {
      return "could not connect to " + host + " — check the runner's network and proxy";
    }
    return "network error talking to " + host + ": " + masked(e, webhook).getMessage();
  }

  /**
   * A copy of {@code e} whose message cannot hold the URL, with the original stack trace, so {@code
   * --debug} shows where it failed without showing the secret.
   */
  private static IOException masked(IOException e, URI webhook) {
    String text = e.getClass().getSimpleName();
    if (e.getMessage() != null) {
      text += ": " + SlackRejection.mask(e.getMessage(), webhook);
    }
    IOException copy = new IOException(text);
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  /** The only part of the webhook URL that may be shown: scheme and host (and port). */
  static String hostOf(URI webhook) {
    return webhook.getPort() < 0 ? webhook.getHost() : webhook.getHost() + ":" + webhook.getPort();
  }

  private static String attempts(int n) {
    return n == 1 ? "1 attempt" : n + " attempts";
  }
}
