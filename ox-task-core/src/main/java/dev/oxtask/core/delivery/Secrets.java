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
    options.forEach((key, value) -> out.put(key, substituteValue(value, env)));
    return out;
  }

  private static Object substituteValue(Object value, Map<String, String> env) {
    if (value instanceof String s) {
      return Template.substitute(s, env);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(item -> out.add(substituteValue(item, env)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, substituteValue(v, env)));
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
      list.forEach(item -> collect(item, secret, env, resolve, m));
    } else if (value instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) ->
              collect(v, secret || SecretMasker.isSecretKey(String.valueOf(k)), env, resolve, m));
    }
  }
}
