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
    if (millis < 0) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    if (millis < 59_950) {
      // Tenths rounded half up, as "%.1f" rounds, without a Formatter: the file notes format one
      // duration per job, and String.format was half of their CPU time.
      long tenths = (millis + 50) / 100;
      return tenths % 10 == 0 ? tenths / 10 + "s" : tenths / 10 + "." + tenths % 10 + "s";
    }
    long seconds = Math.round(millis / 1000.0);
    if (seconds < 3600) {
      long minutes = seconds / 60;
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    }
    long minutes = seconds / 60;
    long hours = minutes / 60;
    if (minutes % 60 == 0) {
      return hours + "h";
    }
    return hours + (minutes % 60 < 10 ? "h0" : "h") + minutes % 60 + "m";
  }
}
