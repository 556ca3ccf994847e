package dev.oxtask.notes.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import dev.oxtask.core.note.ResultJson;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * POSTs (or PUTs) each job result to any URL: by default the result as JSON, as a report file holds
 * it; with a {@code body} template, whatever another service expects.
 */
@Extension
public final class Webhook implements Note {

  static final String URL = "url";
  static final String METHOD = "method";
  static final String HEADERS = "headers";
  static final String BODY = "body";
  static final String CONTENT_TYPE = "content_type";

  static final String DEFAULT_CONTENT_TYPE = "application/json";

  /** Header names whose values are secrets: masked in every message. */
  private static final List<String> SECRET_HEADER_PARTS =
      List.of("authorization", "cookie", "token", "key", "secret", "password", "signature");

  /** Headers the JDK's HTTP client sets itself and refuses to take. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private static final Set<String> OPTIONS =
      Limits.withOwn(URL, METHOD, HEADERS, BODY, CONTENT_TYPE);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpDelivery delivery;

  public Webhook() {
    this(new HttpDelivery(HttpDelivery.REAL_SLEEP));
  }

  Webhook(HttpDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    NoteOptions.Check check =
        options
            .check()
            .allowOnly(OPTIONS)
            .requireString(URL, "where to send each result, e.g. \"$RESULTS_WEBHOOK_URL\"")
            .optionalOneOf(METHOD, "POST", "PUT")
            .optionalString(BODY)
            .optionalString(CONTENT_TYPE);
    Limits.check(check);
    WebAddress.check(options, URL, "\"https://example.org/hooks/ox-task\"", check);
    checkHeaders(options, check);
    options.string(BODY).ifPresent(body -> checkBody(body, isJson(options), check));
    return check.problems();
  }

  private static void checkHeaders(NoteOptions options, NoteOptions.Check check) {
    Object headers = options.asMap().get(HEADERS);
    if (headers == null && !options.has(HEADERS)) {
      return;
    }
    boolean ok =
        headers instanceof Map<?, ?> map
            && map.values().stream().allMatch(String.class::isInstance);
    if (ok) {
      ((Map<?, ?>) headers)
          .keySet().stream()
              .map(String::valueOf)
              .filter(name -> RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
              .forEach(
                  name ->
                      check.add(
                          HEADERS,
                          "'" + name + "' is set by the HTTP client itself and cannot be given"));
    } else {
      check.add(
          HEADERS,
          "must be an object of header names and string values, e.g. {\"Authorization\": \"Bearer"
              + " $API_TOKEN\"}");
    }
  }

  private static void checkBody(String body, boolean json, NoteOptions.Check check) {
    List<String> unknown = BodyTemplate.unknown(body);
    if (!unknown.isEmpty()) {
      check.add(
          BODY,
          "unknown placeholder {{"
              + unknown.get(0)
              + "}}; placeholders: "
              + String.join(", ", BodyTemplate.NAMES.stream().map(n -> "{{" + n + "}}").toList()));
      return;
    }
    // A variable may stand anywhere; without one, a JSON body must be JSON whatever the values.
    if (json && !body.contains("$")) {
      try {
        JSON.readTree(BodyTemplate.withStandIns(body, "0"));
      } catch (JsonProcessingException e) {
        check.add(
            BODY,
            "is not JSON though content_type is "
                + DEFAULT_CONTENT_TYPE
                + " (line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + "); placeholders go inside quotes, e.g. {\"text\": \"{{job}} {{status}}\"}");
      }
    }
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    boolean json = isJson(options);
    String body =
        options.string(BODY).isPresent()
            ? BodyTemplate.render(options.string(BODY).get(), result, context, json)
            : ResultJson.write(ResultJson.fields(result));
    String contentType = options.string(CONTENT_TYPE, DEFAULT_CONTENT_TYPE);
    WebRequest request =
        new WebRequest(
            "Webhook",
            options.string(METHOD, "POST"),
            WebAddress.require(options, URL),
            Map.of("Content-Type", contentType + (json ? "; charset=utf-8" : "")),
            body,
            List.of());
    if (options.asMap().get(HEADERS) instanceof Map<?, ?> headers) {
      for (Map.Entry<?, ?> header : headers.entrySet()) {
        String name = String.valueOf(header.getKey());
        request = request.withHeader(name, String.valueOf(header.getValue()), isSecretHeader(name));
      }
    }
    delivery.send(request, Limits.of(options), Webhook::explain);
  }

  /** True when a header's name says its value is a secret: Authorization, X-Api-Key, ... */
  static boolean isSecretHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SECRET_HEADER_PARTS.stream().anyMatch(lower::contains);
  }

  private static boolean isJson(NoteOptions options) {
    return options
        .string(CONTENT_TYPE, DEFAULT_CONTENT_TYPE)
        .toLowerCase(Locale.ROOT)
        .contains("json");
  }

  /** What a refusal means, in general terms: this note does not know the service. */
  static String explain(int status, String body) {
    String said = HttpDelivery.firstLine(body);
    String advice =
        switch (status) {
          case 401, 403 ->
              "the service refused the credentials; check headers (e.g. Authorization)";
          case 404, 405, 410 ->
              "nothing takes results at url with this method; check url and method";
          case 400, 415, 422 ->
              "the service could not use the body; check body and content_type against its docs";
          default ->
              status < 400
                  ? "a redirect, which this note does not follow; use the final URL"
                  : "check url, method, headers and body";
        };
    return (said.isEmpty() ? "" : said + " — ") + advice;
  }
}
