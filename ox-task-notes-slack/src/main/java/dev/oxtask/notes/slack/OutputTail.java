package dev.oxtask.notes.slack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The end of a job's output, made safe for a Slack code block and cut to fit a character budget.
 *
 * <p>Lines are kept whole from the end backwards, so the reader sees what the job printed last;
 * only a single last line longer than the whole budget is cut, keeping its end. Every kept line is
 * made safe first and measured after, so the budget holds for the text Slack counts.
 *
 * @param text the kept lines, safe to put between {@code ```} fences; empty when there was nothing
 * @param shownLines how many lines {@code text} holds
 * @param totalLines how many lines the output had
 */
record OutputTail(String text, int shownLines, int totalLines) {

  private static final String ELLIPSIS = "…";
  private static final char ZERO_WIDTH_SPACE = '\u200B';

  /** Terminal colour and cursor sequences: noise in Slack. */
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

  /** True when the output had lines that are not shown. */
  boolean cut() {
    return shownLines < totalLines || text.startsWith(ELLIPSIS);
  }

  /** The last lines of {@code output} that fit in {@code budget} characters once made safe. */
  static OutputTail of(String output, int budget) {
    String trimmed = output.stripTrailing();
    if (trimmed.isBlank()) {
      return new OutputTail("", 0, 0);
    }
    int totalLines = 1 + (int) trimmed.chars().filter(c -> c == '\n').count();
    Deque<String> kept = new ArrayDeque<>();
    int used = 0;
    int end = trimmed.length();
    while (end >= 0) {
      int start = trimmed.lastIndexOf('\n', end - 1) + 1;
      String raw = trimmed.substring(start, end);
      String line = safe(raw);
      int cost = line.length() + (kept.isEmpty() ? 0 : 1);
      if (used + cost > budget) {
        if (kept.isEmpty()) {
          kept.add(endOf(raw, budget));
        }
        break;
      }
      kept.addFirst(line);
      used += cost;
      end = start - 1;
    }
    return new OutputTail(String.join("\n", kept), kept.size(), totalLines);
  }

  /**
   * One line made safe for a code block in Slack's mrkdwn: {@code &}, {@code <} and {@code >}
   * escaped (else {@code <!channel>} in a job's output would ping everyone), runs of backticks
   * broken with a zero-width space (else a {@code ```} in the output would close our fence),
   * terminal escapes and other control characters dropped.
   */
  static String safe(String line) {
    String plain = ANSI_ESCAPE.matcher(line).replaceAll("");
    StringBuilder out = new StringBuilder(plain.length() + 16);
    char previous = 0;
    for (int i = 0; i < plain.length(); i++) {
      char c = plain.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '`' -> out.append(previous == '`' ? ZERO_WIDTH_SPACE + "`" : "`");
        case '\t' -> out.append(c);
        default -> {
          if (!Character.isISOControl(c)) {
            out.append(c);
          }
        }
      }
      previous = c;
    }
    return out.toString();
  }

  /** The end of a line too long for the budget, marked with a leading ellipsis. */
  private static String endOf(String raw, int budget) {
    int room = budget - ELLIPSIS.length();
    int start = raw.length();
    int cost = 0;
    // Walk back while the worst case (escaped, with a zero-width space) still fits.
    while (start > 0) {
      int step = Character.isLowSurrogate(raw.charAt(start - 1)) && start > 1 ? 2 : 1;
      int charCost = worstCaseLength(raw.charAt(start - 1)) * step;
      if (cost + charCost > room) {
        break;
      }
      cost += charCost;
      start -= step;
    }
    return ELLIPSIS + safe(raw.substring(start));
  }

  private static int worstCaseLength(char c) {
    return switch (c) {
      case '&' -> 5;
      case '<', '>' -> 4;
      case '`' -> 2;
      default -> 1;
    };
  }
}
