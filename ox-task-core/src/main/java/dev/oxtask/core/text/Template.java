package dev.oxtask.core.text;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $NAME}, {@code ${NAME}} and {@code $$} substitution with the semantics of Python's {@code
 * string.Template.safe_substitute}: an unknown name, or a {@code $} that starts no valid
 * placeholder, is left as written.
 */
public final class Template {

  /**
   * The placeholder pattern, compiled when a text first holds a {@code $}: most runs substitute
   * nothing, and compiling it when this class loads cost each of them a millisecond or two.
   */
  private static final class Placeholder {
    // Python's default idpattern: (?a:[_a-z][_a-z0-9]*) with re.IGNORECASE.
    static final Pattern PATTERN =
        Pattern.compile(
            "\\$(?:(?<escaped>\\$)|(?<named>[_a-zA-Z][_a-zA-Z0-9]*)|\\{(?<braced>[_a-zA-Z][_a-zA-Z0-9]*)\\})");
  }

  private Template() {}

  /** The variable names {@code text} refers to, in order of appearance ({@code $$} is none). */
  public static Set<String> names(String text) {
    if (text.indexOf('$') < 0) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    Matcher m = Placeholder.PATTERN.matcher(text);
    while (m.find()) {
      if (m.group("escaped") == null) {
        names.add(m.group("named") != null ? m.group("named") : m.group("braced"));
      }
    }
    return names;
  }

  /** Substitutes variables from {@code values}; unknown names stay as written. */
  public static String substitute(String text, Map<String, String> values) {
    return substitute(text, new MapLookup(values));
  }

  /** Substitutes variables found by {@code lookup} (null means unknown). */
  public static String substitute(String text, Function<String, String> lookup) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    Matcher m = Placeholder.PATTERN.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String replacement;
      if (m.group("escaped") != null) {
        replacement = "$";
      } else {
        String name = m.group("named") != null ? m.group("named") : m.group("braced");
        String value = lookup.apply(name);
        replacement = value != null ? value : m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static final class MapLookup implements Function<String, String> {
    private final Map<String, String> values;

    MapLookup(Map<String, String> values) {
      this.values = Objects.requireNonNull(values);
    }

    @Override
    public String apply(String name) {
      return values.get(name);
    }
  }
}
