package dev.oxtask.notes.webhook;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import java.time.Duration;
import java.util.Locale;

/**
 * The words every note of this plugin uses for a result: a sentence, an emoji, the output shown.
 */
final class ResultText {

  /** The longest error message shown. */
  static final int ERROR_LIMIT = 500;

  private ResultText() {}

  /** What happened in a few words, e.g. {@code weather succeeded in 1.2s}. */
  static String sentence(JobResult result) {
    String job = result.job();
    String duration = seconds(result.duration());
    return switch (result.status()) {
      case SUCCESS -> job + " succeeded in " + duration;
      case FAILED ->
          result.exitCode().isPresent()
              ? job + " failed (exit " + result.exitCode().getAsInt() + ")"
              : job + " failed after " + duration;
      case TIMEOUT -> job + " timed out after " + duration;
      case ERROR -> job + " could not start";
      case CANCELLED -> job + " was cancelled after " + duration;
      case SKIPPED -> job + " was skipped";
    };
  }

  /** The status emoji. */
  static String emoji(JobStatus status) {
    return switch (status) {
      case SUCCESS -> "✅";
      case FAILED -> "❌";
      case TIMEOUT -> "⏱";
      case ERROR -> "⚠️";
      case CANCELLED -> "🛑";
      case SKIPPED -> "⏭";
    };
  }

  /** A failure is worth attention and the job's stderr; a skipped job is not a failure. */
  static boolean isFailure(JobStatus status) {
    return status != JobStatus.SUCCESS && status != JobStatus.SKIPPED;
  }

  /** The exit code, or {@code none}. */
  static String exitCode(JobResult result) {
    return result.exitCode().isPresent() ? Integer.toString(result.exitCode().getAsInt()) : "none";
  }

  /**
   * The job's error when it did not succeed and the sentence does not already say it (a plain
   * non-zero exit), capped; empty otherwise.
   */
  static String error(JobResult result) {
    boolean plainExit = result.status() == JobStatus.FAILED && result.exitCode().isPresent();
    if (result.status().succeeded() || plainExit) {
      return "";
    }
    return capped(result.error().orElse(""), ERROR_LIMIT);
  }

  /**
   * The output worth showing: stdout, and after it stderr when the job failed, so that a tail keeps
   * the end of stderr, where a failure usually explains itself.
   */
  static String output(JobResult result) {
    String stdout = result.output().stripTrailing();
    String stderr = result.stderr().stripTrailing();
    if (!isFailure(result.status()) || stderr.isBlank()) {
      return stdout;
    }
    return stdout.isBlank() ? stderr : stdout + "\n--- stderr ---\n" + stderr;
  }

  /** At most {@code limit} characters, ending in an ellipsis when cut. */
  static String capped(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    int end = limit - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  /** {@code 1.2s} under ten seconds, {@code 300s} under an hour, {@code 1h 05m} beyond. */
  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    long tenths = Math.round(millis / 100.0);
    if (tenths < 100) {
      return tenths / 10 + "." + tenths % 10 + "s";
    }
    long whole = Math.round(millis / 1000.0);
    if (whole < 3600) {
      return whole + "s";
    }
    return String.format(Locale.ROOT, "%dh %02dm", whole / 3600, whole % 3600 / 60);
  }
}
