package dev.oxtask.core.plan;

/** Writes a string the way JSON would, so messages show exactly what the plan says. */
final class Quoted {

  private static final int MAX_SHOWN = 60;

  private Quoted() {}

  /** {@code "text"} with JSON escapes; a long text is cut and ends with an ellipsis. */
  static String of(String text) {
    String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
    StringBuilder out = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
