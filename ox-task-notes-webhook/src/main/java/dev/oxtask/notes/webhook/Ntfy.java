package dev.oxtask.notes.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Publishes each job result to an ntfy topic (ntfy.sh or your own server) as JSON: the sentence as
 * title, the end of the output as message (ntfy's limit is 4,096 bytes), and a priority and tags
 * chosen by the status, so failures stand out on a phone.
 */
@Extension
public final class Ntfy implements Note {

  static final String SERVER = "server";
  static final String TOPIC = "topic";
  static final String TOKEN = "token";

  static final String DEFAULT_SERVER = "https://ntfy.sh";

  /** ntfy's default message size limit is 4,096 bytes; the rest would become an attachment. */
  static final int MESSAGE_LIMIT = 4000;

  private static final Set<String> OPTIONS = Limits.withOwn(SERVER, TOPIC, TOKEN);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpDelivery delivery;

  public Ntfy() {
    this(new HttpDelivery(HttpDelivery.REAL_SLEEP));
  }

  Ntfy(HttpDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    NoteOptions.Check check =
        options
            .check()
            .allowOnly(OPTIONS)
            .requireString(TOPIC, "the topic to publish to, e.g. \"$NTFY_TOPIC\"")
            .optionalString(SERVER)
            .optionalString(TOKEN);
    Limits.check(check);
    options
        .string(TOPIC)
        .filter(topic -> !topic.isBlank() && !topic.contains("$") && !validTopic(topic))
        .ifPresent(
            topic ->
                check.add(TOPIC, "must be 1 to 64 letters, digits, - or _, not '" + topic + "'"));
    WebAddress.check(options, SERVER, DEFAULT_SERVER, check);
    return check.problems();
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    String topic = options.string(TOPIC, "").strip();
    if (!validTopic(topic)) {
      throw new NoteException(
          "topic is not an ntfy topic after substitution (1 to 64 letters, digits, - or _) — is"
              + " the variable it names set in the job's environment?");
    }
    String server = options.string(SERVER, DEFAULT_SERVER).strip().replaceAll("/+$", "");
    URI uri = WebAddress.require(SERVER, server + "/");
    WebRequest request =
        WebRequest.postJson("ntfy", uri, payload(topic, result, context).toString())
            .withSecret(topic);
    String token = options.string(TOKEN, "").strip();
    if (!token.isEmpty()) {
      request = request.withHeader("Authorization", "Bearer " + token, true).withSecret(token);
    }
    delivery.send(request, Limits.of(options), Ntfy::explain);
  }

  /** The JSON message: topic, title, message, priority, tags, and a click to the run page. */
  static ObjectNode payload(String topic, JobResult result, NoteContext context) {
    ObjectNode message = JSON.createObjectNode();
    message.put("topic", topic);
    message.put("title", ResultText.capped(ResultText.sentence(result), 250));
    StringBuilder text = new StringBuilder("host: " + ResultText.capped(context.hostName(), 200));
    String error = ResultText.error(result);
    if (!error.isEmpty()) {
      text.append('\n').append(error);
    }
    int budget = MESSAGE_LIMIT - text.toString().getBytes(StandardCharsets.UTF_8).length - 1;
    String tail =
        Tail.of(
            ResultText.output(result),
            budget,
            line -> line,
            line -> line.getBytes(StandardCharsets.UTF_8).length);
    if (!tail.isEmpty()) {
      text.append('\n').append(tail);
    }
    message.put("message", text.toString());
    message.put("priority", priority(result.status()));
    message.putArray("tags").add(tag(result.status())).add("ox_task");
    context.runUrl().ifPresent(url -> message.put("click", url));
    return message;
  }

  /** 4 (high) when a job did not succeed, 3 (default) on success, 2 (low) when skipped. */
  static int priority(JobStatus status) {
    return switch (status) {
      case SUCCESS, CANCELLED -> 3;
      case FAILED, TIMEOUT, ERROR -> 4;
      case SKIPPED -> 2;
    };
  }

  /** An emoji short code: ntfy shows it before the title. */
  static String tag(JobStatus status) {
    return switch (status) {
      case SUCCESS -> "white_check_mark";
      case FAILED -> "x";
      case TIMEOUT -> "hourglass";
      case ERROR -> "warning";
      case CANCELLED -> "stop_sign";
      case SKIPPED -> "fast_forward";
    };
  }

  static boolean validTopic(String topic) {
    return topic.matches("[-_A-Za-z0-9]{1,64}");
  }

  /** What the ntfy server's refusal means. */
  static String explain(int status, String body) {
    String said = HttpDelivery.firstLine(body);
    String advice =
        switch (status) {
          case 401, 403 ->
              "the server wants a login for this topic, or token is wrong; check token (an access"
                  + " token, tk_...) and the topic's access rights";
          case 404 -> "is server an ntfy server (e.g. https://ntfy.sh)?";
          case 413 ->
              "the message is too large for this server; report it as a bug in the Ntfy note";
          default -> "see https://docs.ntfy.sh/publish/";
        };
    return (said.isEmpty() ? "" : said + " — ") + advice;
  }
}
