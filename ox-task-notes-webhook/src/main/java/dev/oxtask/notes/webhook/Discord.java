package dev.oxtask.notes.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oxtask.core.note.InstantText;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Posts each job result to a Discord channel through a webhook: a short content line and an embed
 * with the fields and the end of the output, within Discord's limits (2,000 characters of content,
 * 4,096 of embed description, 256 of title, 1,024 per field).
 */
@Extension
public final class Discord implements Note {

  static final String WEBHOOK_URL = "webhook_url";
  static final String USERNAME = "username";

  static final int CONTENT_LIMIT = 2000;
  static final int DESCRIPTION_LIMIT = 4096;
  static final int TITLE_LIMIT = 256;

  /** Discord allows 1,024 per field; names and hosts are short, so cap them lower. */
  static final int FIELD_LIMIT = 200;

  private static final Set<String> OPTIONS = Limits.withOwn(WEBHOOK_URL, USERNAME);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FENCE = "```";

  private final HttpDelivery delivery;

  public Discord() {
    this(new HttpDelivery(HttpDelivery.REAL_SLEEP));
  }

  Discord(HttpDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    NoteOptions.Check check =
        options
            .check()
            .allowOnly(OPTIONS)
            .requireString(WEBHOOK_URL, "the channel webhook's URL, e.g. \"$DISCORD_WEBHOOK_URL\"")
            .optionalString(USERNAME);
    Limits.check(check);
    WebAddress.check(options, WEBHOOK_URL, "\"$DISCORD_WEBHOOK_URL\"", check);
    return check.problems();
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    WebRequest request =
        WebRequest.postJson(
            "Discord",
            WebAddress.require(options, WEBHOOK_URL),
            payload(result, context, options.string(USERNAME, "")).toString());
    delivery.send(request, Limits.of(options), Discord::explain);
  }

  /**
   * The webhook's JSON: content line, then one embed; nobody is mentioned, whatever the output
   * says.
   */
  static ObjectNode payload(JobResult result, NoteContext context, String username) {
    ObjectNode payload = JSON.createObjectNode();
    String sentence = ResultText.sentence(result);
    payload.put(
        "content",
        ResultText.capped(ResultText.emoji(result.status()) + " " + sentence, CONTENT_LIMIT));
    if (!username.isBlank()) {
      payload.put("username", ResultText.capped(username, 80));
    }
    payload.putObject("allowed_mentions").putArray("parse");
    ObjectNode embed = payload.putArray("embeds").addObject();
    embed.put("title", ResultText.capped(sentence, TITLE_LIMIT));
    context.runUrl().ifPresent(url -> embed.put("url", url));
    embed.put("color", color(result.status()));
    String tail =
        Tail.of(
            ResultText.output(result),
            DESCRIPTION_LIMIT - 2 * (FENCE.length() + 1),
            Discord::fenced);
    if (!tail.isEmpty()) {
      embed.put("description", FENCE + "\n" + tail + "\n" + FENCE);
    }
    ArrayNode fields = embed.putArray("fields");
    field(fields, "Status", result.status().key());
    field(fields, "Exit code", ResultText.exitCode(result));
    field(fields, "Duration", ResultText.seconds(result.duration()));
    field(fields, "Host", ResultText.capped(context.hostName(), FIELD_LIMIT));
    String error = ResultText.error(result);
    if (!error.isEmpty()) {
      fields.addObject().put("name", "Error").put("value", error).put("inline", false);
    }
    embed.put("timestamp", InstantText.format(result.startedAt()));
    embed
        .putObject("footer")
        .put("text", ResultText.capped("ox_task note " + context.noteName(), FIELD_LIMIT));
    return payload;
  }

  /** Green, red, amber, grey: the embed's side bar. */
  static int color(JobStatus status) {
    return switch (status) {
      case SUCCESS -> 0x2EB67D;
      case FAILED, ERROR -> 0xE01E5A;
      case TIMEOUT, CANCELLED -> 0xECB22E;
      case SKIPPED -> 0x99AAB5;
    };
  }

  /** Text safe inside a code block: a run of backticks is broken, so it cannot close the fence. */
  static String fenced(String text) {
    String safe = text;
    while (safe.contains("``")) {
      safe = safe.replace("``", "`\u200B`");
    }
    return safe;
  }

  /** What Discord's refusal means. */
  static String explain(int status, String body) {
    String said = message(body);
    String advice =
        switch (status) {
          case 401, 404 ->
              "the webhook does not exist (deleted, or webhook_url is incomplete); create one in the"
                  + " channel's settings (Integrations → Webhooks) and store its URL in the variable"
                  + " webhook_url reads";
          case 403 -> "the webhook may not post to its channel; check the channel's permissions";
          case 400 ->
              "Discord could not read the message; if this persists, report it as a bug in the"
                  + " Discord note with the job's output";
          default -> "see https://discord.com/developers/docs/topics/opcodes-and-status-codes";
        };
    return (said.isEmpty() ? "" : said + " — ") + advice;
  }

  private static String message(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.path("message").isTextual()) {
        return HttpDelivery.firstLine(json.path("message").asText());
      }
    } catch (IOException e) {
      // Not Discord's JSON: quote the body's first line instead.
    }
    return HttpDelivery.firstLine(body);
  }

  private static void field(ArrayNode fields, String name, String value) {
    fields.addObject().put("name", name).put("value", value).put("inline", true);
  }
}
