package dev.oxtask.core.note;

import java.time.Duration;
import java.util.Locale;

/**
 * The one way ox-task shows a duration to people, in messages and notes: {@code 0.3s}, {@code
 * 1.2s}, {@code 12s}, {@code 1m30s}, {@code 5m}, {@code 1h05m}. Reports keep exact seconds ({@code
 * duration_s}).
 */
public final class DurationText {

  private DurationText() {}

  /** Seconds with one decimal (dropped when zero) under a minute, then minutes, then hours. */
  public static String of(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 59_950) {
      String seconds = String.format(Locale.ROOT, "%.1f", millis / 1000.0);
      return (seconds.endsWith(".0") ? seconds.substring(0, seconds.length() - 2) : seconds) + "s";
    }
    long seconds = Math.round(millis / 1000.0);
    if (seconds < 3600) {
      long minutes = seconds / 60;
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    }
    long minutes = seconds / 60;
    return minutes % 60 == 0
        ? minutes / 60 + "h"
        : String.format(Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
  }
}
