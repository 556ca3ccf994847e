package dev.oxtask.notes.webhook;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to a service, with what must never be shown of it.
 *
 * @param service the service's name in messages, e.g. {@code Telegram}
 * @param method {@code POST} or {@code PUT}
 * @param uri where to send; secret as a whole
 * @param headers extra request headers, {@code Content-Type} among them
 * @param body the request body
 * @param secrets more values to mask in messages (a token, a header's value); the URL, its path,
 *     its long path segments and its query are always masked
 */
record WebRequest(
    String service,
    String method,
    URI uri,
    Map<String, String> headers,
    String body,
    List<String> secrets) {

  static final String USER_AGENT = "ox-task-notes-webhook";

  /** Path segments this long are masked on their own. */
  static final int SECRET_SEGMENT_LENGTH = 16;

  WebRequest {
    requireNonNull(service, "service");
    requireNonNull(method, "method");
    requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
    requireNonNull(body, "body");
    List<String> all = new ArrayList<>(secrets);
    all.add(uri.toString());
    if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
      all.add(uri.getRawPath());
      // A long segment is a token or a check's UUID, secret also when echoed on its own.
      for (String segment : uri.getRawPath().split("/")) {
        if (segment.length() >= SECRET_SEGMENT_LENGTH) {
          all.add(segment);
        }
      }
    }
    if (uri.getRawQuery() != null) {
      all.add(uri.getRawQuery());
    }
    all.removeIf(s -> s == null || s.isBlank());
    // Longest first, so a secret that contains another is masked whole.
    all.sort(Comparator.comparingInt(String::length).reversed());
    secrets = List.copyOf(all);
  }

  /** A JSON {@code POST} to {@code uri}. */
  static WebRequest postJson(String service, URI uri, String json) {
    return new WebRequest(
        service,
        "POST",
        uri,
        Map.of("Content-Type", "application/json; charset=utf-8"),
        json,
        List.of());
  }

  /** This request with one more header; its value is masked in messages when {@code secret}. */
  WebRequest withHeader(String name, String value, boolean secret) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    List<String> hidden = new ArrayList<>(secrets);
    if (secret) {
      hidden.add(value);
    }
    return new WebRequest(service, method, uri, more, body, hidden);
  }

  /** This request with {@code secret} masked in messages too. */
  WebRequest withSecret(String secret) {
    List<String> hidden = new ArrayList<>(secrets);
    hidden.add(secret);
    return new WebRequest(service, method, uri, headers, body, hidden);
  }

  /** The only part of the URL that may be shown: host and port. */
  String host() {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  /** How messages name the destination, e.g. {@code Telegram (api.telegram.org)}. */
  String where() {
    return service + " (" + host() + ")";
  }

  /** {@code text} with every secret of this request replaced by {@code ***}. */
  String mask(String text) {
    String masked = text;
    for (String secret : secrets) {
      masked = masked.replace(secret, "***");
    }
    return masked;
  }

  HttpRequest toHttp(Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("User-Agent", USER_AGENT)
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(builder::header);
    return builder.build();
  }
}
