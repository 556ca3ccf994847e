package dev.oxtask.notes.webhook;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.oxtask.core.note.InstantText;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.ResultJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code body} option of {@link Webhook}: text with {@code {{name}}} placeholders for the
 * result. In a JSON body each value is JSON-escaped (without quotes: write {@code "{{job}}"}),
 * except {@code {{result}}}, the whole result object, and {@code {{exit_code}}}, a number or {@code
 * null}.
 */
final class BodyTemplate {

  /** The end of the output put into {@code {{output_tail}}}, in characters. */
  static final int TAIL_LIMIT = 2000;

  /** Every placeholder, in the order the docs list them. */
  static final List<String> NAMES =
      List.of(
          "job",
          "status",
          "exit_code",
          "duration_s",
          "started_at",
          "sentence",
          "error",
          "output_tail",
          "host",
          "run_url",
          "note",
          "result");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");

  private BodyTemplate() {}

  /** The placeholders in {@code template} that are not in {@link #NAMES}. */
  static List<String> unknown(String template) {
    return PLACEHOLDER
        .matcher(template)
        .results()
        .map(m -> m.group(1))
        .filter(name -> !NAMES.contains(name))
        .distinct()
        .toList();
  }

  /** {@code template} with each known placeholder replaced by the same stand-in, for checks. */
  static String withStandIns(String template, String standIn) {
    return PLACEHOLDER.matcher(template).replaceAll(Matcher.quoteReplacement(standIn));
  }

  /** {@code template} with the result's values in, JSON-escaped when {@code json}. */
  static String render(String template, JobResult result, NoteContext context, boolean json) {
    Map<String, String> values = values(result, context, json);
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.getOrDefault(m.group(1), m.group());
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Map<String, String> values(JobResult result, NoteContext context, boolean json) {
    Map<String, String> text = new LinkedHashMap<>();
    text.put("job", result.job());
    text.put("status", result.status().key());
    text.put("duration_s", Double.toString(result.durationSeconds()));
    text.put("started_at", InstantText.format(result.startedAt()));
    text.put("sentence", ResultText.sentence(result));
    text.put("error", ResultText.error(result));
    text.put("output_tail", Tail.of(ResultText.output(result), TAIL_LIMIT, line -> line));
    text.put("host", context.hostName());
    text.put("run_url", context.runUrl().orElse(""));
    text.put("note", context.noteName());
    Map<String, String> values = new LinkedHashMap<>();
    text.forEach((name, value) -> values.put(name, json ? escape(value) : value));
    String exitCode =
        result.exitCode().isPresent() ? Integer.toString(result.exitCode().getAsInt()) : "";
    values.put("exit_code", json && exitCode.isEmpty() ? "null" : exitCode);
    values.put("result", ResultJson.write(ResultJson.fields(result)));
    return values;
  }

  private static String escape(String value) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(value));
  }
}
