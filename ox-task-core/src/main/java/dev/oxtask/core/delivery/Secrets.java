package dev.oxtask.core.delivery;

import dev.oxtask.core.text.SecretMasker;
import dev.oxtask.core.text.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Substitution into note options and registration of their secret values with the masker. */
final class Secrets {

  private Secrets() {}

  /** The options with the environment substituted into every string, also inside lists and maps. */
  static Map<String, Object> substitute(Map<String, Object> options, Map<String, String> env) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> option : options.entrySet()) {
      out.put(option.getKey(), substituteValue(option.getValue(), env));
    }
    return out;
  }

  private static Object substituteValue(Object value, Map<String, String> env) {
    if (value instanceof String s) {
      return Template.substitute(s, env);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(substituteValue(item, env));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.put(entry.getKey(), substituteValue(entry.getValue(), env));
      }
      return out;
    }
    return value;
  }

  /** Registers every string under a secret key (at any depth) with {@code masker}. */
  static void register(Map<?, ?> options, SecretMasker masker) {
    collect(options, false, Map.of(), false, masker);
  }

  /**
   * Registers the secret values that {@code env} resolves: a value written without {@code $}, or
   * one whose substitution changed it ({@code "$TOKEN"}, even when the token itself holds a {@code
   * $}). A reference to an unset variable is left for delivery, so the variable's name is not
   * masked in messages.
   */
  static void registerResolved(Map<?, ?> options, Map<String, String> env, SecretMasker masker) {
    collect(options, false, env, true, masker);
  }

  private static void collect(
      Object value, boolean secret, Map<String, String> env, boolean resolve, SecretMasker m) {
    if (value instanceof String s && secret) {
      String resolved = resolve ? Template.substitute(s, env) : s;
      if (!resolve || !resolved.equals(s) || !s.contains("$")) {
        m.add(resolved);
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        collect(item, secret, env, resolve, m);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        boolean secretValue = secret || SecretMasker.isSecretKey(String.valueOf(entry.getKey()));
        collect(entry.getValue(), secretValue, env, resolve, m);
      }
    }
  }
}
