package dev.oxtask.notes.webhook;

import dev.oxtask.core.note.NoteOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How long and how often a note tries: the {@code timeout}, {@code retries} and {@code max_wait}
 * options every note of this plugin takes.
 *
 * @param timeout to connect, and to wait for the answer, per attempt
 * @param retries extra attempts after HTTP 429, 5xx or a network error
 * @param maxWait the longest wait between attempts, whatever the service asks
 */
record Limits(Duration timeout, int retries, Duration maxWait) {

  static final String TIMEOUT = "timeout";
  static final String RETRIES = "retries";
  static final String MAX_WAIT = "max_wait";

  static final double DEFAULT_TIMEOUT_SECONDS = 10;
  static final int DEFAULT_RETRIES = 3;
  static final double DEFAULT_MAX_WAIT_SECONDS = 30;

  /** The options read here. */
  static final Set<String> OPTIONS = Set.of(TIMEOUT, RETRIES, MAX_WAIT);

  /** The limits {@code options} ask for, defaults for the rest. */
  static Limits of(NoteOptions options) {
    return new Limits(
        seconds(options.number(TIMEOUT, DEFAULT_TIMEOUT_SECONDS)),
        Math.max(0, options.integer(RETRIES, DEFAULT_RETRIES)),
        seconds(options.number(MAX_WAIT, DEFAULT_MAX_WAIT_SECONDS)));
  }

  /** Checks the three options. */
  static NoteOptions.Check check(NoteOptions.Check check) {
    return check
        .optionalPositiveNumber(TIMEOUT)
        .optionalInteger(RETRIES, 0)
        .optionalPositiveNumber(MAX_WAIT);
  }

  /** {@code own} and the options read here: every option a note takes. */
  static Set<String> withOwn(String... own) {
    Set<String> all = new HashSet<>(OPTIONS);
    all.addAll(List.of(own));
    return Set.copyOf(all);
  }

  private static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
  }
}
