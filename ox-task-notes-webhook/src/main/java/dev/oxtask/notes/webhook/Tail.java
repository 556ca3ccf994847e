package dev.oxtask.notes.webhook;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The end of a job's output that fits a service's limit once escaped for it: whole lines from the
 * end backwards, so the reader sees what the job printed last; only a single last line longer than
 * the whole budget is cut, keeping its end. A cut tail starts with {@value #MARK}.
 */
final class Tail {

  /** Starts a tail that lost its beginning. */
  static final String MARK = "…\n";

  /** Terminal colour and cursor sequences: noise in a chat message. */
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

  private Tail() {}

  /** The escaped end of {@code text} of at most {@code budget} characters. */
  static String of(String text, int budget, UnaryOperator<String> escape) {
    return of(text, budget, escape, String::length);
  }

  /**
   * The escaped end of {@code text} whose {@code size} is at most {@code budget}.
   *
   * @param size how the service counts, e.g. characters or UTF-8 bytes
   */
  static String of(
      String text, int budget, UnaryOperator<String> escape, ToIntFunction<String> size) {
    String plain = plain(text);
    if (plain.isBlank()) {
      return "";
    }
    String whole = escape.apply(plain);
    if (size.applyAsInt(whole) <= budget) {
      return whole;
    }
    int room = budget - size.applyAsInt(MARK);
    Deque<String> kept = new ArrayDeque<>();
    int used = 0;
    int end = plain.length();
    while (end >= 0) {
      int start = plain.lastIndexOf('\n', end - 1) + 1;
      String raw = plain.substring(start, end);
      String line = escape.apply(raw);
      int cost = size.applyAsInt(line) + (kept.isEmpty() ? 0 : 1);
      if (used + cost > room) {
        if (kept.isEmpty()) {
          kept.add(endOf(raw, room, escape, size));
        }
        break;
      }
      kept.addFirst(line);
      used += cost;
      end = start - 1;
    }
    return MARK + String.join("\n", kept);
  }

  /**
   * The text without terminal escapes, control characters (but tabs and newlines) and trailing
   * space.
   */
  static String plain(String text) {
    String noEscapes = ANSI_ESCAPE.matcher(text).replaceAll("");
    StringBuilder out = new StringBuilder(noEscapes.length());
    for (int i = 0; i < noEscapes.length(); i++) {
      char c = noEscapes.charAt(i);
      if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
        out.append(c);
      }
    }
    return out.toString().stripTrailing();
  }

  /** The longest escaped end of one line that fits: found by halving, as lines can be long. */
  private static String endOf(
      String raw, int room, UnaryOperator<String> escape, ToIntFunction<String> size) {
    int fits = raw.length();
    int low = 0;
    int high = raw.length();
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (size.applyAsInt(escape.apply(raw.substring(middle))) <= room) {
        fits = middle;
        high = middle - 1;
      } else {
        low = middle + 1;
      }
    }
    if (fits < raw.length() && Character.isLowSurrogate(raw.charAt(fits))) {
      fits++;
    }
    return escape.apply(raw.substring(fits));
  }
}
