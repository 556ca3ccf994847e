package dev.oxtask.core.note;

import dev.oxtask.core.text.ClosestName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A note's options as plain JDK values (String, Number, Boolean, List, Map, null), with typed reads
 * for {@link Note#send} and checks for {@link Note#validate}.
 */
public final class NoteOptions {

  /**
   * The option every note has, whatever its plugin: how long ox-task waits for one delivery, in
   * seconds, before abandoning it. {@link Check#allowOnly} always allows it; a plugin may read it
   * too (SlackWebhook and SmtpEmail use it as each connection's limit).
   */
  public static final String TIMEOUT = "timeout";

  private final Map<String, Object> values;

  public NoteOptions(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Every option, in plan order. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** True when the option is present (even as JSON null). */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The option when it is a string. */
  public Optional<String> string(String key) {
    return values.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** The option when it is a string, else {@code defaultValue}. */
  public String string(String key, String defaultValue) {
    return string(key).orElse(defaultValue);
  }

  /** The option when it is a number. */
  public Optional<Double> number(String key) {
    return values.get(key) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
  }

  /** The option when it is a number, else {@code defaultValue}. */
  public double number(String key, double defaultValue) {
    return number(key).orElse(defaultValue);
  }

  /** The option when it is a whole number, else {@code defaultValue}. */
  public int integer(String key, int defaultValue) {
    return number(key).map(Double::intValue).orElse(defaultValue);
  }

  /** The option when it is a boolean, else {@code defaultValue}. */
  public boolean bool(String key, boolean defaultValue) {
    return values.get(key) instanceof Boolean b ? b : defaultValue;
  }

  /** A string or a list of strings as a list; empty when absent. */
  public List<String> strings(String key) {
    Object value = values.get(key);
    if (value instanceof String s) {
      return List.of(s);
    }
    if (value instanceof List<?> list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }

  /** Starts checking these options; collect the problems with {@link Check#problems()}. */
  public Check check() {
    return new Check();
  }

  /** Collects every problem with a note's options, so a user sees them all at once. */
  public final class Check {

    private final List<OptionProblem> problems = new ArrayList<>();

    private Check() {}

    /** The option must be a non-empty string; {@code what} tells the user what it is for. */
    public Check requireString(String key, String what) {
      if (!has(key)) {
        problems.add(new OptionProblem(key, "is required: " + what));
      } else if (!(values.get(key) instanceof String s) || s.isBlank()) {
        problems.add(new OptionProblem(key, "must be a non-empty string: " + what));
      }
      return this;
    }

    /** When present, the option must be a string. */
    public Check optionalString(String key) {
      if (has(key) && !(values.get(key) instanceof String)) {
        problems.add(new OptionProblem(key, "must be a string, not " + typeOf(values.get(key))));
      }
      return this;
    }

    /** When present, the option must be one of {@code allowed}. */
    public Check optionalOneOf(String key, String... allowed) {
      if (!has(key)) {
        return this;
      }
      Object value = values.get(key);
      List<String> choices = List.of(allowed);
      if (!(value instanceof String s) || !choices.contains(s)) {
        String shown = value instanceof String s ? "'" + s + "'" : typeOf(value);
        String hint = value instanceof String s ? ClosestName.suggestion(s, choices) : "";
        problems.add(
            new OptionProblem(
                key, "must be one of " + String.join(", ", choices) + ", not " + shown + hint));
      }
      return this;
    }

    /** When present, the option must be a number greater than zero. */
    public Check optionalPositiveNumber(String key) {
      if (has(key) && !(values.get(key) instanceof Number n && n.doubleValue() > 0)) {
        problems.add(new OptionProblem(key, "must be a number greater than 0, not " + shown(key)));
      }
      return this;
    }

    /** When present, the option must be a whole number of at least {@code min}. */
    public Check optionalInteger(String key, int min) {
      Object value = values.get(key);
      boolean ok =
          value instanceof Number n
              && n.doubleValue() == Math.rint(n.doubleValue())
              && n.doubleValue() >= min;
      if (has(key) && !ok) {
        problems.add(
            new OptionProblem(
                key, "must be a whole number of at least " + min + ", not " + shown(key)));
      }
      return this;
    }

    /** When present, the option must be true or false. */
    public Check optionalBoolean(String key) {
      if (has(key) && !(values.get(key) instanceof Boolean)) {
        problems.add(new OptionProblem(key, "must be true or false, not " + shown(key)));
      }
      return this;
    }

    /** The option must be a non-empty string or a non-empty list of strings. */
    public Check requireStrings(String key, String what) {
      if (!has(key)) {
        problems.add(new OptionProblem(key, "is required: " + what));
        return this;
      }
      return optionalStrings(key);
    }

    /** When present, the option must be a string or a list of strings. */
    public Check optionalStrings(String key) {
      if (!has(key)) {
        return this;
      }
      Object value = values.get(key);
      boolean ok =
          value instanceof String
              || value instanceof List<?> list
                  && !list.isEmpty()
                  && list.stream().allMatch(String.class::isInstance);
      if (!ok) {
        problems.add(
            new OptionProblem(key, "must be a string or a list of strings, not " + shown(key)));
      }
      return this;
    }

    /**
     * Every option not in {@code known} (or {@link #TIMEOUT}, which every note has) is a problem,
     * with the closest known name suggested.
     */
    public Check allowOnly(Set<String> known) {
      List<String> sorted = known.stream().sorted().toList();
      for (String key : values.keySet()) {
        if (!known.contains(key) && !key.equals(TIMEOUT)) {
          String suggestion =
              ClosestName.of(key, sorted).map(c -> "did you mean '" + c + "'? ").orElse("");
          problems.add(
              new OptionProblem(
                  key,
                  "unknown option — "
                      + suggestion
                      + "Options of this note: "
                      + String.join(", ", sorted)));
        }
      }
      return this;
    }

    /** Adds a problem found by the note's own checks. */
    public Check add(String key, String message) {
      problems.add(new OptionProblem(key, message));
      return this;
    }

    /** Every problem found so far. */
    public List<OptionProblem> problems() {
      return List.copyOf(problems);
    }

    private String shown(String key) {
      Object value = values.get(key);
      return value instanceof String s ? "'" + s + "'" : typeOf(value);
    }
  }

  /** A value's JSON type in words, for error messages. */
  static String typeOf(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String) {
      return "a string";
    } else if (value instanceof Boolean b) {
      return b.toString();
    } else if (value instanceof Number n) {
      return n.toString();
    } else if (value instanceof List) {
      return "a list";
    } else if (value instanceof Map) {
      return "an object";
    }
    return value.getClass().getSimpleName();
  }
}
