package dev.oxtask.core.delivery;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Reads the instants {@link Instant#toString} writes ({@code 2026-12-03T01:02:03Z}, with up to nine
 * fraction digits) without {@code java.time}'s formatter machinery, whose first use took 15 to 20
 * ms of every run that loads {@code state.json}.
 */
final class InstantText {

  private static final int DATE_TIME_LENGTH = "2026-12-03T01:02:03".length();

  private InstantText() {}

  /** The instant {@code text} names, if it has that form; anything else is empty. */
  static Optional<Instant> parse(String text) {
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
