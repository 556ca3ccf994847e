package dev.oxtask.notes.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oxtask.core.note.DurationText;
import dev.oxtask.core.note.InstantText;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.NoteContext;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Builds the Block Kit message for one job result, within Slack's limits: a header under 150
 * characters, section text under 3,000, a handful of blocks, and the whole message well under the
 * roughly 12,000 characters Slack accepts.
 */
final class SlackMessage {

  /** Slack's limit is 150; the ellipsis counts too. */
  static final int HEADER_LIMIT = 149;

  /** Slack's limit for a section's text is 3,000; stay clear of it. */
  static final int SECTION_LIMIT = 2900;

  /** A job name, a host: short in practice, capped so the fields stay small. */
  static final int FIELD_VALUE_LIMIT = 200;

  /** The job's error message, shown in its own code block. */
  static final int ERROR_LIMIT = 1000;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String FENCE = "```";

  private SlackMessage() {}

  /**
   * The webhook payload for {@code result}.
   *
   * @param title goes before the job sentence in the header when present
   * @param mention added, unescaped, when the job failed, e.g. {@code <!here>}
   */
  static ObjectNode of(
      JobResult result, NoteContext context, Optional<String> title, Optional<String> mention) {
    Optional<String> ping = mention.filter(m -> !m.isBlank() && result.status().failed());
    String sentence = sentence(result);
    ObjectNode message = JSON.objectNode();
    String emoji = emoji(result.status());
    message.put("text", ping.map(m -> m + " ").orElse("") + emoji + " " + escape(sentence));
    ArrayNode blocks = message.putArray("blocks");
    // A header is plain text: shown as written, so not escaped.
    Optional<String> heading = title.filter(t -> !t.isBlank()).map(t -> t + " — " + sentence);
    blocks.add(header(emoji + " " + heading.orElse(sentence)));
    ping.ifPresent(m -> blocks.add(section(m)));
    blocks.add(fields(result, context));
    if (!result.status().succeeded()) {
      result.error().ifPresent(e -> code(blocks, "*Error*", e, false, ERROR_LIMIT));
    }
    code(blocks, "*Output*", result.output(), result.outputTruncated(), SECTION_LIMIT);
    if (result.status().failed()) {
      code(blocks, "*Stderr*", result.stderr(), result.stderrTruncated(), SECTION_LIMIT);
    }
    blocks.add(footer(result, context));
    return message;
  }

  /** What happened in a few words, e.g. {@code weather succeeded in 1.2s}; not escaped. */
  static String sentence(JobResult result) {
    String job = capped(result.job(), FIELD_VALUE_LIMIT);
    String duration = DurationText.of(result.duration());
    return switch (result.status()) {
      case SUCCESS -> job + " succeeded in " + duration;
      case FAILED ->
          result.exitCode().isPresent()
              ? job + " failed (exit " + result.exitCode().getAsInt() + ")"
              : job + " failed after " + duration;
      case TIMEOUT -> job + " timed out after " + duration;
      case ERROR -> job + " could not start";
      case CANCELLED -> job + " was cancelled after " + duration;
      case SKIPPED -> job + " was skipped";
    };
  }

  /** The status emoji shown in the header and the fallback text. */
  static String emoji(JobStatus status) {
    return switch (status) {
      case SUCCESS -> "✅";
      case FAILED -> "❌";
      case TIMEOUT -> "⏱";
      case ERROR -> "⚠️";
      case CANCELLED -> "🛑";
      case SKIPPED -> "⏭";
    };
  }

  /** Escapes the three characters Slack's mrkdwn gives meaning to. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static ObjectNode header(String text) {
    ObjectNode header = JSON.objectNode().put("type", "header");
    header
        .putObject("text")
        .put("type", "plain_text")
        .put("text", capped(text, HEADER_LIMIT))
        .put("emoji", true);
    return header;
  }

  private static ObjectNode section(String mrkdwn) {
    ObjectNode section = JSON.objectNode().put("type", "section");
    section.set("text", mrkdwn(mrkdwn));
    return section;
  }

  private static ObjectNode fields(JobResult result, NoteContext context) {
    ObjectNode section = JSON.objectNode().put("type", "section");
    ArrayNode fields = section.putArray("fields");
    fields.add(field("Job", escape(capped(result.job(), FIELD_VALUE_LIMIT))));
    fields.add(field("Status", result.status().key()));
    String exitCode =
        result.exitCode().isPresent() ? Integer.toString(result.exitCode().getAsInt()) : "none";
    fields.add(field("Exit code", exitCode));
    fields.add(field("Duration", DurationText.of(result.duration())));
    fields.add(field("Host", escape(capped(context.hostName(), FIELD_VALUE_LIMIT))));
    context
        .runUrl()
        .ifPresent(url -> fields.add(field("Run", "<" + escape(url) + "|GitHub Actions run>")));
    return section;
  }

  private static ObjectNode field(String name, String value) {
    return mrkdwn("*" + name + "*\n" + value);
  }

  /**
   * Adds a section with the end of {@code text} in a code block, unless there is no text.
   *
   * @param partial the runner kept only the head and tail of the output, so its line count is not
   *     the job's
   */
  private static void code(
      ArrayNode blocks, String label, String text, boolean partial, int limit) {
    // The label, its note on cut lines and the two fences must fit beside the text.
    int budget = limit - label.length() - 40 - 2 * (FENCE.length() + 1);
    OutputTail tail = OutputTail.of(text, budget);
    if (tail.text().isEmpty()) {
      return;
    }
    String heading;
    if (partial) {
      heading = label + " (last " + tail.shownLines() + " lines)";
    } else if (tail.cut()) {
      heading = label + " (last " + tail.shownLines() + " of " + tail.totalLines() + " lines)";
    } else {
      heading = label;
    }
    blocks.add(section(heading + "\n" + FENCE + "\n" + tail.text() + "\n" + FENCE));
  }

  private static ObjectNode footer(JobResult result, NoteContext context) {
    String started = InstantText.format(result.startedAt().truncatedTo(ChronoUnit.SECONDS));
    String text =
        "ox_task note *"
            + escape(capped(context.noteName(), FIELD_VALUE_LIMIT))
            + "* · started "
            + started
            + (result.attempts() > 1 ? " · " + result.attempts() + " attempts" : "");
    ObjectNode footer = JSON.objectNode().put("type", "context");
    footer.putArray("elements").add(mrkdwn(text));
    return footer;
  }

  private static ObjectNode mrkdwn(String text) {
    return JSON.objectNode().put("type", "mrkdwn").put("text", text);
  }

  /** At most {@code limit} characters, ending in an ellipsis when cut. */
  private static String capped(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    int end = limit - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
