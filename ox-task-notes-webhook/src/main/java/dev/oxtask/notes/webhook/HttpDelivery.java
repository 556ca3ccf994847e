package dev.oxtask.notes.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxtask.core.note.NoteException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
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
 * Sends one request to a web service for every note of this plugin: retries what is transient (HTTP
 * 429 after the service's {@code Retry-After} or {@code retry_after}, 5xx and network errors with
 * exponential backoff and jitter), never what the service refused. URLs and tokens are secrets, so
 * every message names only the service and its host, with the request's secrets masked.
 */
final class HttpDelivery {

  /** Waits between attempts; tests record the waits instead of sleeping. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** What a service's refusal (a 3xx or 4xx other than 429) means, for the note's user. */
  interface Refusal {
    /**
     * What the service said and what to do about it, e.g. {@code Bad Request: chat not found — is
     * chat_id right?}.
     *
     * @param body the response body, secrets masked
     */
    String explain(int status, String body);
  }

  static final Sleeper REAL_SLEEP = duration -> Thread.sleep(duration.toMillis());
  static final Duration BACKOFF_BASE = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(HttpDelivery.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest piece of a response body quoted in a message. */
  private static final int BODY_LIMIT = 300;

  private final Sleeper sleeper;

  HttpDelivery(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  /** What one attempt came to when it did not succeed: why, and how long to wait. */
  private record Miss(String problem, Duration delay, Optional<IOException> cause) {}

  /**
   * Sends {@code request}, making at most {@code 1 + limits.retries()} attempts.
   *
   * @return the body of the service's 2xx answer
   * @throws NoteException when the service refused the request or every attempt failed
   */
  String send(WebRequest request, Limits limits, Refusal refusal) throws NoteException {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(limits.timeout())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpRequest http;
    try {
      http = request.toHttp(limits.timeout());
    } catch (IllegalArgumentException e) {
      // A header the JDK refuses (Host, Connection...) or a value with a line break.
      throw new NoteException(
          "could not send to "
              + request.where()
              + ": "
              + request.mask(String.valueOf(e.getMessage()))
              + " — check the note's headers");
    }
    for (int attempt = 1; ; attempt++) {
      Attempted attempted = attempt(client, http, request, limits, attempt, refusal);
      if (attempted.body().isPresent()) {
        return attempted.body().get();
      }
      Miss miss = attempted.miss().orElseThrow();
      if (attempt > limits.retries()) {
        throw new NoteException(
            "could not deliver to "
                + request.where()
                + " in "
                + (attempt == 1 ? "1 attempt" : attempt + " attempts")
                + ": "
                + miss.problem(),
            miss.cause().orElse(null));
      }
      LOG.warn(
          "{}: {}; retrying in {} (attempt {} of {})",
          request.where(),
          miss.problem(),
          seconds(miss.delay()),
          attempt + 1,
          limits.retries() + 1);
      try {
        sleeper.sleep(miss.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NoteException("sending to " + request.where() + " was interrupted");
      }
    }
  }

  /** One attempt's end: the answer's body, or why there was none. */
  private record Attempted(Optional<String> body, Optional<Miss> miss) {}

  private Attempted attempt(
      HttpClient client,
      HttpRequest http,
      WebRequest request,
      Limits limits,
      int attempt,
      Refusal refusal)
      throws NoteException {
    HttpResponse<String> response;
    try {
      response = client.send(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      Miss miss =
          new Miss(
              describe(e, request, limits.timeout()),
              backoff(attempt, limits),
              Optional.of(masked(e, request)));
      return new Attempted(Optional.empty(), Optional.of(miss));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NoteException("sending to " + request.where() + " was interrupted");
    }
    int status = response.statusCode();
    String body = request.mask(response.body() == null ? "" : response.body());
    if (status >= 200 && status < 300) {
      return new Attempted(Optional.of(body), Optional.empty());
    }
    if (status == 429) {
      Duration wait = retryAfter(response, body, limits).orElse(backoff(attempt, limits));
      String problem = request.service() + " is rate-limiting these messages (HTTP 429)";
      return new Attempted(
          Optional.empty(), Optional.of(new Miss(problem, wait, Optional.empty())));
    }
    if (status >= 500) {
      String said = firstLine(body);
      String problem =
          request.service() + " answered HTTP " + status + (said.isEmpty() ? "" : " " + said);
      return new Attempted(
          Optional.empty(),
          Optional.of(new Miss(problem, backoff(attempt, limits), Optional.empty())));
    }
    throw new NoteException(
        request.where()
            + " refused the message: HTTP "
            + status
            + " "
            + request.mask(refusal.explain(status, body)));
  }

  /**
   * How long the service asks to wait: the {@code Retry-After} header in seconds, else a {@code
   * retry_after} in a JSON body (Discord's at the top, Telegram's under {@code parameters}); capped
   * by {@code max_wait} so one note cannot stall the run.
   */
  static Optional<Duration> retryAfter(HttpResponse<String> response, String body, Limits limits) {
    Optional<Duration> asked =
        response
            .headers()
            .firstValue("Retry-After")
            .flatMap(HttpDelivery::parseSeconds)
            .or(() -> bodyRetryAfter(body));
    return asked.map(wait -> wait.compareTo(limits.maxWait()) > 0 ? limits.maxWait() : wait);
  }

  private static Optional<Duration> bodyRetryAfter(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json == null) {
        return Optional.empty();
      }
      JsonNode value = json.path("retry_after");
      if (!value.isNumber()) {
        value = json.path("parameters").path("retry_after");
      }
      return value.isNumber() ? parseSeconds(value.asText()) : Optional.empty();
    } catch (IOException e) {
      // Not JSON: the service gave no wait.
      return Optional.empty();
    }
  }

  private static Optional<Duration> parseSeconds(String value) {
    try {
      BigDecimal seconds = new BigDecimal(value.strip());
      if (seconds.signum() < 0) {
        return Optional.empty();
      }
      long millis =
          seconds.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValue();
      return Optional.of(Duration.ofMillis(millis));
    } catch (NumberFormatException | ArithmeticException e) {
      // An HTTP date or garbage: back off instead.
      return Optional.empty();
    }
  }

  /**
   * Base, 2×base, 4×base... capped by {@code max_wait}, each from its upper half so retries spread.
   */
  private static Duration backoff(int attempt, Limits limits) {
    long ceiling = BACKOFF_BASE.toMillis() << Math.min(attempt - 1, 20);
    ceiling = Math.min(ceiling, limits.maxWait().toMillis());
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }

  private static String describe(IOException e, WebRequest request, Duration timeout) {
    String host = request.host();
    if (e instanceof HttpConnectTimeoutException) {
      return "could not connect to " + host + " within " + seconds(timeout) + " (timeout)";
    }
    if (e instanceof HttpTimeoutException) {
      return host + " did not answer within " + seconds(timeout) + " (timeout)";
    }
    if (e instanceof ConnectException) {
      return "could not connect to "
          + host
          + " — check the address, the runner's network and proxy";
    }
    return "network error talking to " + host + ": " + masked(e, request).getMessage();
  }

  /**
   * A copy of {@code e} whose message cannot hold the URL or a token, with the original stack
   * trace, so {@code --debug} shows where it failed without showing a secret.
   */
  private static IOException masked(IOException e, WebRequest request) {
    String text = e.getClass().getSimpleName();
    if (e.getMessage() != null) {
      text += ": " + request.mask(e.getMessage());
    }
    IOException copy = new IOException(text);
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  /** The first line of a body, trimmed and capped. */
  static String firstLine(String body) {
    String stripped = body.strip();
    int newline = stripped.indexOf('\n');
    String line = (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
    return line.length() <= BODY_LIMIT ? line : line.substring(0, BODY_LIMIT) + "…";
  }

  /** {@code 10s}, {@code 0.5s}: a duration as plans write it. */
  static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
  }
}
