package dev.oxtask.core.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an operating system accepts in a process's environment, checked when a plan is loaded so
 * that a run never meets a value it cannot pass on: POSIX variable names, no NUL character.
 */
final class EnvironmentRules {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvironmentRules() {}

  /** Reports an env's variable names, variable values and {@code path} that no process can get. */
  static void check(Fields env) {
    if (env.node("variables").orElse(null) instanceof Node.Obj variables) {
      for (Node.Member member : variables.members().values()) {
        String key = member.key();
        String keyPath = env.pathOf("variables") + "." + key;
        if (!NAME.matcher(key).matches()) {
          env.problem(
              member.keyAt(),
              keyPath,
              Quoted.of(key)
                  + " is not a variable name a process can get: use letters, digits and _, not"
                  + " starting with a digit (e.g. "
                  + Quoted.of(suggestion(key))
                  + ")");
        }
        rejectNul(env, member.value(), keyPath, "variable's value");
      }
    }
    env.node("path").ifPresent(path -> rejectNul(env, path, env.pathOf("path"), "path"));
  }

  private static void rejectNul(Fields env, Node value, String keyPath, String what) {
    Optional<String> text =
        value instanceof Node.Scalar s && s.value() instanceof String t
            ? Optional.of(t)
            : Optional.empty();
    if (text.isPresent() && text.get().indexOf('\0') >= 0) {
      env.problem(
          value.at(),
          keyPath,
          "the "
              + what
              + " contains a NUL character (\\u0000), which no process environment or file name"
              + " can hold: remove it");
    }
  }

  private static String suggestion(String key) {
    String name = key.replaceAll("[^A-Za-z0-9_]", "_");
    return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }
}
