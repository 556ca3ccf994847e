package dev.oxtask.notes.file;

import dev.oxtask.core.note.DurationText;
import dev.oxtask.core.note.InstantText;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.ResultJson;
import java.util.Arrays;
import java.util.Map;

/** How a result reads in a file or on the console. */
final class ResultFormat {

  /** Ends an output that {@link #shorten} had to cut. */
  static final String CUT_MARK = "[...]";

  private ResultFormat() {}

  /** {@code weather: success (exit 0) in 1.234 s}. */
  static String headline(JobResult result) {
    String exit =
        result.exitCode().isPresent() ? "exit " + result.exitCode().getAsInt() : "no exit";
    return result.job()
        + ": "
        + result.status().key()
        + " ("
        + exit
        + ") in "
        + DurationText.of(result.duration());
  }

  /** A readable block: headline, when and where, then output, stderr and error if any. */
  static String textBlock(JobResult result, NoteContext context) {
    StringBuilder text = new StringBuilder();
    text.append("=== ").append(headline(result)).append('\n');
    text.append("started: ").append(InstantText.format(result.startedAt())).append(" on ");
    text.append(context.hostName()).append('\n');
    text.append("command: ").append(String.join(" ", result.command())).append('\n');
    if (result.cwd().isPresent()) {
      text.append("cwd: ").append(result.cwd().get()).append('\n');
    }
    if (result.error().isPresent()) {
      text.append("error: ").append(result.error().get()).append('\n');
    }
    section(text, "output", result.output(), result.outputTruncated());
    section(text, "stderr", result.stderr(), result.stderrTruncated());
    return text.append('\n').toString();
  }

  private static void section(StringBuilder text, String name, String body, boolean truncated) {
    if (body.isEmpty()) {
      return;
    }
    text.append("--- ").append(name).append(truncated ? " (truncated) ---\n" : " ---\n");
    text.append(body);
    if (!body.endsWith("\n")) {
      text.append('\n');
    }
  }

  /** One JSON object holding the result's fields (spec section 4), ending with a newline. */
  static String jsonLine(JobResult result, NoteContext context) {
    Map<String, Object> fields = ResultJson.fields(result);
    fields.put("note", context.noteName());
    fields.put("host", context.hostName());
    return ResultJson.write(fields) + "\n";
  }

  /**
   * The start of {@code text}: at most {@code maxLines} lines and {@code maxLength} characters,
   * followed by {@link #CUT_MARK} on its own line when anything was left out.
   */
  static String shorten(String text, int maxLines, int maxLength) {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    String[] lines = body.split("\n", -1);
    boolean cut = lines.length > maxLines;
    String kept = cut ? String.join("\n", Arrays.copyOf(lines, maxLines)) : body;
    if (kept.length() > maxLength) {
      kept = kept.substring(0, maxLength);
      cut = true;
    }
    return cut ? kept + "\n" + CUT_MARK : kept;
  }
}
