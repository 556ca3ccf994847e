package dev.oxtask.core.plan;

import dev.oxtask.core.text.ClosestName;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the typed fields of one object of a plan (the plan itself, an env, a note, a job) and
 * reports each field that has the wrong type or value. A field with a problem reads as absent, so
 * reading goes on and every problem of the plan is found in one pass. A field written as JSON
 * {@code null} reads as absent too, and a number or boolean written as a string is read with a
 * warning, as the original ox_task (pydantic) read both.
 */
final class Fields {

  /** Keys the original ox_task's README uses where its code reads another name. */
  private static final Map<String, String> README_NAMES = Map.of("vars", "variables");

  /** Longest timeout or delay accepted: about 31 years, far below what Duration can hold. */
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1_000_000_000L);

  private final Node.Obj obj;
  private final String path;
  private final SourceLocation where;
  private final List<Diagnostic> problems;
  private final List<Diagnostic> warnings;

  /**
   * @param obj the object to read
   * @param path its key path, e.g. {@code jobs.weather}; empty for the plan itself
   * @param where where its key is written, for problems about keys that are missing
   * @param problems where problems are reported
   * @param warnings where values read despite being written oddly are reported
   */
  Fields(
      Node.Obj obj,
      String path,
      SourceLocation where,
      List<Diagnostic> problems,
      List<Diagnostic> warnings) {
    this.obj = obj;
    this.path = path;
    this.where = where;
    this.problems = problems;
    this.warnings = warnings;
  }

  /** Fields of {@code value}, an object inside this one written under {@code key}. */
  Fields nested(Node.Obj value, String key, SourceLocation keyAt) {
    return nestedAt(value, pathOf(key), keyAt);
  }

  /** Like {@link #nested}, with the key's path already spelt out by {@link #pathOf}. */
  Fields nestedAt(Node.Obj value, String keyPath, SourceLocation keyAt) {
    return new Fields(value, keyPath, keyAt, problems, warnings);
  }

  /** Reports every key that is neither in {@code known} nor a comment ({@code _...}). */
  void rejectUnknownKeys(List<String> known, String what) {
    for (Node.Member member : obj.members().values()) {
      String key = member.key();
      if (key.startsWith("_") || known.contains(key)) {
        continue;
      }
      String fix =
          ClosestName.of(key, known)
              .or(() -> Optional.ofNullable(README_NAMES.get(key)).filter(known::contains))
              .map(closest -> " — did you mean '" + closest + "'?")
              .orElse(
                  "; expected one of: "
                      + String.join(", ", known)
                      + " (a key starting with '_' is a comment)");
      problem(member.keyAt(), pathOf(key), "unknown key '" + key + "' in " + what + fix);
    }
  }

  /** The members that are not comments, in plan order. */
  List<Node.Member> members() {
    List<Node.Member> members = new ArrayList<>();
    for (Node.Member member : obj.members().values()) {
      if (!member.key().startsWith("_")) {
        members.add(member);
      }
    }
    return Collections.unmodifiableList(members);
  }

  /** The value of {@code key}; empty when it is absent or JSON {@code null} ("not set"). */
  Optional<Node> node(String key) {
    // Plain code rather than Optional's map and filter, and key paths built only for a problem:
    // these methods run for every key of every job.
    Node.Member member = obj.members().get(key);
    return member == null || isNull(member.value())
        ? Optional.empty()
        : Optional.of(member.value());
  }

  static boolean isNull(Node value) {
    return value instanceof Node.Scalar s && s.value() == null;
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void problem(SourceLocation at, String keyPath, String message) {
    problems.add(new Diagnostic(at, keyPath, message));
  }

  void warning(SourceLocation at, String keyPath, String message) {
    warnings.add(new Diagnostic(at, keyPath, message));
  }

  /**
   * Reports a required key that is absent (located where this object's own key is) or written as
   * {@code null}.
   */
  void missing(String key, String expected) {
    Node.Member written = obj.members().get(key);
    if (written != null) {
      problem(
          written.value().at(), pathOf(key), "'" + key + "' is required, not null: " + expected);
    } else {
      problem(where, pathOf(key), "missing key '" + key + "': " + expected);
    }
  }

  Optional<String> string(String key) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = text(value.get());
    if (text == null) {
      notAString(value.get(), pathOf(key));
    }
    return Optional.ofNullable(text);
  }

  /** The text of a JSON string; null for any other value. */
  private static String text(Node value) {
    return value instanceof Node.Scalar s && s.value() instanceof String text ? text : null;
  }

  private void notAString(Node value, String keyPath) {
    problem(value.at(), keyPath, "expected a string, not " + value.describe());
  }

  /** A list of strings; reports the list or each item that is not a string. */
  List<String> strings(String key) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!(value.get() instanceof Node.Arr arr)) {
      problem(
          value.get().at(),
          pathOf(key),
          "expected a list of strings, not " + value.get().describe());
      return List.of();
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < arr.items().size(); i++) {
      String text = text(arr.items().get(i));
      if (text != null) {
        result.add(text);
      } else {
        notAString(arr.items().get(i), pathOf(key) + "[" + i + "]");
      }
    }
    return result;
  }

  /** {@code description}: one string or a list of strings (one per line). */
  List<String> description() {
    Optional<Node> value = node("description");
    if (value.isPresent()
        && value.get() instanceof Node.Scalar s
        && s.value() instanceof String text) {
      return List.of(text);
    }
    if (value.isPresent() && !(value.get() instanceof Node.Arr)) {
      problem(
          value.get().at(),
          pathOf("description"),
          "expected a string or a list of strings, not " + value.get().describe());
      return List.of();
    }
    return strings("description");
  }

  boolean bool(String key, boolean otherwise) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return otherwise;
    }
    if (value.get() instanceof Node.Scalar s && s.value() instanceof Boolean b) {
      return b;
    }
    Optional<Boolean> quoted = quoted(value.get()).flatMap(Fields::parseBoolean);
    if (quoted.isPresent()) {
      warnIfQuoted(key, value.get(), "boolean", String.valueOf(quoted.get()));
      return quoted.get();
    }
    problem(value.get().at(), pathOf(key), "expected true or false, not " + value.get().describe());
    return otherwise;
  }

  /** A positive number of seconds, at most a billion. */
  Duration seconds(String key, Duration otherwise) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return otherwise;
    }
    BigDecimal seconds = number(value.get());
    if (seconds == null || seconds.signum() <= 0 || seconds.compareTo(MAX_SECONDS) > 0) {
      problem(
          value.get().at(),
          pathOf(key),
          "expected a positive number of seconds, not " + value.get().describe());
      return otherwise;
    }
    warnIfQuoted(key, value.get(), "number", seconds.toPlainString());
    long nanos = seconds.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
    return Duration.ofNanos(nanos);
  }

  /** A whole number, 0 or more ({@code 2.0} is 2, as in JSON Schema). */
  int count(String key, int otherwise, String what) {
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return otherwise;
    }
    BigDecimal number = number(value.get());
    if (number != null
        && number.signum() >= 0
        && number.stripTrailingZeros().scale() <= 0
        && number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
      warnIfQuoted(key, value.get(), "number", String.valueOf(number.intValueExact()));
      return number.intValueExact();
    }
    problem(
        value.get().at(),
        pathOf(key),
        "expected a whole number of " + what + " (0 or more), not " + value.get().describe());
    return otherwise;
  }

  /** An object whose values are strings, in plan order. */
  Map<String, String> stringMap(String key) {
    Map<String, String> result = new LinkedHashMap<>();
    Optional<Node> value = node(key);
    if (value.isEmpty()) {
      return result;
    }
    if (!(value.get() instanceof Node.Obj map)) {
      problem(
          value.get().at(),
          pathOf(key),
          "expected an object of names and string values, e.g. {\"NAME\": \"value\"}, not "
              + value.get().describe());
      return result;
    }
    for (Node.Member member : map.members().values()) {
      Node item = member.value();
      if (item instanceof Node.Scalar s && s.value() instanceof String text) {
        result.put(member.key(), text);
      } else {
        String hint =
            item instanceof Node.Scalar s && s.value() != null ? " (write it in quotes)" : "";
        problem(
            item.at(),
            pathOf(key) + "." + member.key(),
            "expected a string value, not " + item.describe() + hint);
      }
    }
    return result;
  }

  /** A number, also one written as a string ({@code "10"}); else null. */
  private static BigDecimal number(Node value) {
    BigDecimal number = decimal(value);
    return number != null ? number : quoted(value).flatMap(Fields::parseDecimal).orElse(null);
  }

  /**
   * When {@code key}'s value, accepted as the {@code type} {@code plain}, is written as a string,
   * warns and tells how to write it.
   */
  private void warnIfQuoted(String key, Node value, String type, String plain) {
    if (quoted(value).isEmpty()) {
      return;
    }
    warning(
        value.at(),
        pathOf(key),
        "the "
            + type
            + " is written as a string ("
            + value.describe()
            + "); it is read as "
            + plain
            + ", but write it without quotes: \""
            + key
            + "\": "
            + plain);
  }

  private static Optional<String> quoted(Node value) {
    return value instanceof Node.Scalar s && s.value() instanceof String text
        ? Optional.of(text.strip())
        : Optional.empty();
  }

  /** The strings pydantic reads as booleans. */
  private static Optional<Boolean> parseBoolean(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "on", "1" -> Optional.of(true);
      case "false", "f", "no", "n", "off", "0" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  private static Optional<BigDecimal> parseDecimal(String text) {
    try {
      return Optional.of(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return Optional.empty(); // not a number: the caller reports the value as written
    }
  }

  private static BigDecimal decimal(Node node) {
    if (!(node instanceof Node.Scalar s)) {
      return null;
    }
    if (s.value() instanceof Long n) {
      return BigDecimal.valueOf(n);
    }
    if (s.value() instanceof BigInteger n) {
      return new BigDecimal(n);
    }
    return s.value() instanceof BigDecimal d ? d : null;
  }
}
