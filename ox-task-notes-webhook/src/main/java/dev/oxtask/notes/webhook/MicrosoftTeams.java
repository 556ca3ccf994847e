package dev.oxtask.notes.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Posts each job result to a Microsoft Teams channel or chat through a Workflows (Power Automate)
 * webhook, as an Adaptive Card; Teams takes about 28 KB per message, so the output's end is cut to
 * {@value #OUTPUT_LIMIT} bytes.
 */
@Extension
public final class MicrosoftTeams implements Note {

  static final String WEBHOOK_URL = "webhook_url";

  /** UTF-8 bytes of output in the card, well inside Teams' 28 KB with the JSON around it. */
  static final int OUTPUT_LIMIT = 16_000;

  private static final int LINE_LIMIT = 300;
  private static final Set<String> OPTIONS = Limits.withOwn(WEBHOOK_URL);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpDelivery delivery;

  public MicrosoftTeams() {
    this(new HttpDelivery(HttpDelivery.REAL_SLEEP));
  }

  MicrosoftTeams(HttpDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    NoteOptions.Check check =
        options
            .check()
            .allowOnly(OPTIONS)
            .requireString(
                WEBHOOK_URL,
                "the URL of a Teams workflow's \"When a Teams webhook request is received\""
                    + " trigger, e.g. \"$TEAMS_WEBHOOK_URL\"");
    Limits.check(check);
    WebAddress.check(options, WEBHOOK_URL, "\"$TEAMS_WEBHOOK_URL\"", check);
    return check.problems();
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    WebRequest request =
        WebRequest.postJson(
            "Microsoft Teams",
            WebAddress.require(options, WEBHOOK_URL),
            payload(result, context).toString());
    delivery.send(request, Limits.of(options), MicrosoftTeams::explain);
  }

  /** A message with one Adaptive Card: the sentence, the facts, the error, the output's end. */
  static ObjectNode payload(JobResult result, NoteContext context) {
    ObjectNode message = JSON.createObjectNode().put("type", "message");
    ObjectNode attachment = message.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    card.putObject("msteams").put("width", "Full");
    ArrayNode body = card.putArray("body");
    String sentence = ResultText.sentence(result);
    text(body, ResultText.emoji(result.status()) + " " + ResultText.capped(sentence, LINE_LIMIT))
        .put("weight", "Bolder")
        .put("size", "Medium")
        .put("color", color(result.status()));
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    fact(facts, "Job", ResultText.capped(result.job(), LINE_LIMIT));
    fact(facts, "Status", result.status().key());
    fact(facts, "Exit code", ResultText.exitCode(result));
    fact(facts, "Duration", ResultText.seconds(result.duration()));
    fact(facts, "Host", ResultText.capped(context.hostName(), LINE_LIMIT));
    String error = ResultText.error(result);
    if (!error.isEmpty()) {
      text(body, error).put("color", "Attention");
    }
    String tail =
        Tail.of(
            ResultText.output(result),
            OUTPUT_LIMIT,
            text -> text,
            text -> text.getBytes(StandardCharsets.UTF_8).length);
    if (!tail.isEmpty()) {
      text(body, tail).put("fontType", "Monospace").put("size", "Small");
    }
    context
        .runUrl()
        .ifPresent(
            url ->
                card.putArray("actions")
                    .addObject()
                    .put("type", "Action.OpenUrl")
                    .put("title", "GitHub Actions run")
                    .put("url", url));
    return message;
  }

  private static ObjectNode text(ArrayNode body, String text) {
    return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
  }

  private static void fact(ArrayNode facts, String title, String value) {
    facts.addObject().put("title", title).put("value", value);
  }

  /** The card's colour names for a status. */
  static String color(JobStatus status) {
    return switch (status) {
      case SUCCESS -> "Good";
      case FAILED, ERROR -> "Attention";
      case TIMEOUT, CANCELLED, SKIPPED -> "Warning";
    };
  }

  /** What the workflow's refusal means. */
  static String explain(int status, String body) {
    String said = HttpDelivery.firstLine(body);
    String advice =
        switch (status) {
          case 401, 403 ->
              "the workflow refused the URL's signature (sig=...); copy the whole HTTP URL of the"
                  + " workflow's trigger again into the variable webhook_url reads";
          case 404 ->
              "no workflow answers at webhook_url (deleted or turned off, or the URL is"
                  + " incomplete); check the workflow in Power Automate";
          case 400 ->
              "the workflow could not read the card; use the template \"Post to a channel when a"
                  + " webhook request is received\", or report a bug in the MicrosoftTeams note";
          default -> "see the workflow's run history in Power Automate";
        };
    return (said.isEmpty() ? "" : said + " — ") + advice;
  }
}
