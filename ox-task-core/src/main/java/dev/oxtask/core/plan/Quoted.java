package dev.oxtask.core.plan;

import dev.oxtask.core.text.JsonText;

/** Writes a string the way JSON would, so messages show exactly what the plan says. */
final class Quoted {

  private static final int MAX_SHOWN = 60;

  private Quoted() {}

  /** {@code "text"} with JSON escapes; a long text is cut and ends with an ellipsis. */
  static String of(String text) {
    String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
    return JsonText.quote(shown);
  }
}
