package dev.oxtask.core.note;

import dev.oxtask.core.text.JsonText;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job result as JSON, with JDK types only: the one place that lists a result's fields (spec
 * section 4, snake_case) for the run report and for notes that write JSON, and the JSON writer and
 * string escaping they share.
 */
public final class ResultJson {

  private ResultJson() {}

  /**
   * The fields of {@code result} in report order: strings, numbers, booleans, {@code null} and
   * lists of strings. The map may be changed (a note adds its own fields).
   */
  public static Map<String, Object> fields(JobResult result) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("job", result.job());
    fields.put("status", result.status().key());
    fields.put("exit_code", result.exitCode().isPresent() ? result.exitCode().getAsInt() : null);
    fields.put("output", result.output());
    fields.put("stderr", result.stderr());
    fields.put("command", result.command());
    fields.put("cwd", result.cwd().map(Path::toString).orElse(null));
    fields.put("started_at", InstantText.format(result.startedAt()));
    fields.put("duration_s", result.durationSeconds());
    fields.put("attempts", result.attempts());
    fields.put("error", result.error().orElse(null));
    fields.put("output_truncated", result.outputTruncated());
    fields.put("stderr_truncated", result.stderrTruncated());
    fields.put("log_files", result.logFiles().stream().map(Path::toString).toList());
    return fields;
  }

  /**
   * Compact JSON for strings, numbers, booleans, {@code null}, lists and string-keyed maps of
   * those.
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  /** {@code text} as a JSON string literal, quotes included. */
  public static String quote(String text) {
    return JsonText.quote(text);
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        append(out, list.get(i));
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        string(out, String.valueOf(entry.getKey()));
        out.append(':');
        append(out, entry.getValue());
      }
      out.append('}');
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append(JsonText.quote(s));
  }
}
