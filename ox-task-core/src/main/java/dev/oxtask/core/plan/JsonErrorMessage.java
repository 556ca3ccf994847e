package dev.oxtask.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites Jackson's syntax errors into what a person editing a plan needs to read. */
final class JsonErrorMessage {

  private static final Pattern UNEXPECTED_CHAR =
      Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+\\)\\):? ?(.*)", Pattern.DOTALL);
  private static final Pattern UNRECOGNIZED_TOKEN =
      Pattern.compile("Unrecognized token '(.*?)'.*", Pattern.DOTALL);
  private static final Pattern CLOSE_MARKER =
      Pattern.compile("Unexpected close marker '(.)': expected '(.)'.*", Pattern.DOTALL);

  private static final String KEY = "expected a key in double quotes";
  private static final String VALUE =
      "expected a value: a string in double quotes, a number, true, false, null, a list or an"
          + " object";
  private static final Pattern NON_STANDARD =
      Pattern.compile("Non-standard token '(.*?)'.*", Pattern.DOTALL);
  private static final Pattern BAD_NUMBER =
      Pattern.compile("Invalid numeric value: (.*?)\\.?", Pattern.DOTALL);

  private static final Pattern NESTING_DEPTH =
      Pattern.compile(
          "Document nesting depth \\(\\d+\\) exceeds the maximum allowed \\((\\d+).*",
          Pattern.DOTALL);

  private record Hint(String jacksonSays, String weSay) {}

  /** What follows "unexpected 'X'" for each thing Jackson says it was expecting. */
  private static final List<Hint> HINTS =
      List.of(
          new Hint("was expecting double-quote to start field name", KEY),
          new Hint(
              "was expecting comma to separate Object entries",
              "expected ',' between entries or '}' to close the object (a missing comma?)"),
          new Hint(
              "was expecting comma to separate Array entries",
              "expected ',' between items or ']' to close the list (a missing comma?)"),
          new Hint(
              "was expecting a colon to separate field name and value",
              "expected ':' between a key and its value"),
          new Hint(
              "maybe a (non-standard) comment?",
              "JSON has no comments; write a key starting with '_' instead"),
          new Hint("expected a valid value", VALUE),
          new Hint("was expecting", VALUE));

  private JsonErrorMessage() {}

  static String rewrite(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (e instanceof JsonEOFException) {
      return "the file ends before the JSON is complete (a missing '}', ']' or '\"'?)";
    }
    Matcher m = UNEXPECTED_CHAR.matcher(message);
    if (m.matches()) {
      String hint = hint(m.group(2));
      boolean closing = m.group(1).equals("}") || m.group(1).equals("]");
      if (closing && (hint.equals(KEY) || hint.equals(VALUE))) {
        hint += " (JSON allows no comma after the last entry)";
      }
      return "unexpected " + shown(m.group(1)) + ": " + hint;
    }
    m = UNRECOGNIZED_TOKEN.matcher(message);
    if (!m.matches()) {
      m = NON_STANDARD.matcher(message);
    }
    if (m.matches()) {
      return "unexpected word '" + m.group(1) + "': " + VALUE;
    }
    m = BAD_NUMBER.matcher(message);
    if (m.matches()) {
      return "invalid number: " + m.group(1).toLowerCase(Locale.ROOT);
    }
    m = CLOSE_MARKER.matcher(message);
    if (m.matches()) {
      return "unexpected '" + m.group(1) + "': expected '" + m.group(2) + "' to close what is open";
    }
    m = NESTING_DEPTH.matcher(message);
    if (m.matches()) {
      return "lists and objects are nested more than "
          + m.group(1)
          + " levels deep here; a plan needs only a few";
    }
    if (message.startsWith("Illegal unquoted character")) {
      return "a string holds a raw control character (a line break or tab?): write it as \\n or \\t";
    }
    if (message.startsWith("Unexpected end-of-input")) {
      return "the file ends before the JSON is complete (a missing '}', ']' or '\"'?)";
    }
    return "not valid JSON: " + message.lines().findFirst().orElse(message);
  }

  private static String shown(String character) {
    return switch (character) {
      case "\n", "\r" -> "line break";
      case "\t" -> "tab";
      case "'" -> "single quote (JSON strings use double quotes)";
      default -> "'" + character + "'";
    };
  }

  private static String hint(String jacksonSays) {
    for (Hint hint : HINTS) {
      if (jacksonSays.contains(hint.jacksonSays())) {
        return hint.weSay();
      }
    }
    return jacksonSays.isEmpty() ? "not valid JSON here" : jacksonSays;
  }
}
