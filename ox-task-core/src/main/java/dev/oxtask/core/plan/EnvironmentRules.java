package dev.oxtask.core.plan;

import java.util.Optional;

/**
 * What an operating system accepts in a process's environment, checked when a plan is loaded so
 * that a run never meets a value it cannot pass on: POSIX variable names, no NUL character.
 */
final class EnvironmentRules {

  private EnvironmentRules() {}

  /** Reports an env's variable names, variable values and {@code path} that no process can get. */
  static void check(Fields env) {
    if (env.node("variables").orElse(null) instanceof Node.Obj variables) {
      for (Node.Member member : variables.members().values()) {
        String key = member.key();
        String keyPath = env.pathOf("variables") + "." + key;
        if (!isName(key)) {
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
    Optional<Node> path = env.node("path");
    if (path.isPresent()) {
      rejectNul(env, path.get(), env.pathOf("path"), "path");
    }
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

  /**
   * A POSIX variable name, {@code [A-Za-z_][A-Za-z0-9_]*}: letters, digits and {@code _}, not
   * starting with a digit. (No regex: compiling one cost every plan with an env a millisecond.)
   */
  static boolean isName(String key) {
    if (key.isEmpty() || (key.charAt(0) >= '0' && key.charAt(0) <= '9')) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
