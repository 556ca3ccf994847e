package dev.oxtask.core.note;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Writes and reads instants as {@link Instant#toString} does ({@code 2026-12-03T01:02:03Z}, with 3,
 * 6 or 9 fraction digits when there is a fraction) without {@code java.time}'s formatter machinery,
 * whose first use took 10 to 20 ms of every run that loads and saves {@code state.json} or sends a
 * note showing when its job started.
 */
public final class InstantText {

  private static final int DATE_TIME_LENGTH = "2026-12-03T01:02:03".length();

  private InstantText() {}

  /** {@code instant.toString()}, for the years 0 to 9999. */
  public static String format(Instant instant) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (time.getYear() < 0 || time.getYear() > 9999) {
      return instant.toString();
    }
    StringBuilder text = new StringBuilder(30);
    digits(text, time.getYear(), 4).append('-');
    digits(text, time.getMonthValue(), 2).append('-');
    digits(text, time.getDayOfMonth(), 2).append('T');
    digits(text, time.getHour(), 2).append(':');
    digits(text, time.getMinute(), 2).append(':');
    digits(text, time.getSecond(), 2);
    int nanos = instant.getNano();
    if (nanos > 0) {
      text.append('.');
      if (nanos % 1_000_000 == 0) {
        digits(text, nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        digits(text, nanos / 1000, 6);
      } else {
        digits(text, nanos, 9);
      }
    }
    return text.append('Z').toString();
  }

  private static StringBuilder digits(StringBuilder out, int value, int width) {
    String text = Integer.toString(value);
    for (int i = text.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(text);
  }

  /** The instant {@code text} names, if it has that form; anything else is empty. */
  public static Optional<Instant> parse(String text) {
    int length = text.length();
    if (length < DATE_TIME_LENGTH + 1
        || text.charAt(length - 1) != 'Z'
        || !matches(text, "dddd-dd-ddTdd:dd:dd")) {
      return Optional.empty();
    }
    int nanos = 0;
    int fractionEnd = length - 1;
    if (fractionEnd > DATE_TIME_LENGTH) {
      int digits = fractionEnd - DATE_TIME_LENGTH - 1;
      if (text.charAt(DATE_TIME_LENGTH) != '.' || digits < 1 || digits > 9) {
        return Optional.empty();
      }
      for (int i = DATE_TIME_LENGTH + 1; i < fractionEnd; i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return Optional.empty();
        }
        nanos = nanos * 10 + (c - '0');
      }
      for (int i = digits; i < 9; i++) {
        nanos *= 10;
      }
    }
    int hour = number(text, 11, 13);
    int minute = number(text, 14, 16);
    int second = number(text, 17, 19);
    if (hour > 23 || minute > 59 || second > 59) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
      long seconds = date.toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second;
      return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    } catch (DateTimeException e) {
      return Optional.empty(); // February 30th and the like
    }
  }

  /** True when {@code text} starts with {@code shape}, where each 'd' stands for a digit. */
  private static boolean matches(String text, String shape) {
    for (int i = 0; i < shape.length(); i++) {
      char c = text.charAt(i);
      boolean fits = shape.charAt(i) == 'd' ? c >= '0' && c <= '9' : c == shape.charAt(i);
      if (!fits) {
        return false;
      }
    }
    return true;
  }

  private static int number(String text, int start, int end) {
    int value = 0;
    for (int i = start; i < end; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }
}
