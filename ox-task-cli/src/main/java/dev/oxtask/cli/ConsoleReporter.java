package dev.oxtask.cli;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.run.JobOutcome;
import dev.oxtask.core.run.RunListener;
import dev.oxtask.core.run.RunResult;
import dev.oxtask.core.text.SecretMasker;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run's console output (spec section 7): a line per finished job, the output tail of a job that
 * did not succeed, a line per failed note, and a summary line. Everything is masked.
 */
final class ConsoleReporter implements RunListener {

  /** How many lines of a failed job's stdout and stderr the console shows. */
  static final int TAIL_LINES = 20;

  private final PrintStream out;
  private final SecretMasker masker;
  private final Style style;
  private final boolean quiet;
  private int nameWidth;

  /**
   * @param quiet show only jobs that did not succeed and failed notes
   */
  ConsoleReporter(PrintStream out, SecretMasker masker, Style style, boolean quiet) {
    this.out = out;
    this.masker = masker;
    this.style = style;
    this.quiet = quiet;
  }

  @Override
  public void runStarted(List<TaskJob> jobs) {
    nameWidth = jobs.stream().mapToInt(j -> j.name().length()).max().orElse(0);
  }

  @Override
  public void jobFinished(JobOutcome outcome) {
    JobResult r = outcome.result();
    boolean ok = r.status().succeeded();
    if (!quiet || !ok) {
      out.println(mask(line(r)));
    }
    if (!ok && r.status() != JobStatus.SKIPPED) {
      tail("stdout", r.output());
      tail("stderr", r.stderr());
    }
    outcome.noteFailure().ifPresent(f -> out.println(mask(style.red("  note failed: ") + f)));
    out.flush();
  }

  @Override
  public void runFinished(RunResult result) {
    if (!quiet) {
      out.println(mask(summary(result)));
      out.flush();
    }
  }

  private String line(JobResult r) {
    String text =
        style.colour(r.status(), mark(r.status()))
            + " "
            + pad(r.job(), nameWidth)
            + "  "
            + style.colour(r.status(), pad(r.status().key(), 9))
            + " "
            + seconds(r.durationSeconds());
    return r.error().map(e -> text + "  " + e).orElse(text);
  }

  private void tail(String stream, String text) {
    if (text.isBlank()) {
      return;
    }
    List<String> lines = text.lines().toList();
    List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    out.println(
        style.dim(
            "  "
                + stream
                + (lines.size() > TAIL_LINES ? " (last " + TAIL_LINES + " lines)" : "")
                + ":"));
    last.forEach(l -> out.println(mask(style.dim("  | ") + l)));
  }

  /** "4 jobs in 2.1s: 3 success, 1 failed; 1 note failed". */
  static String summary(RunResult result) {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    result.outcomes().forEach(o -> counts.merge(o.result().status(), 1L, Long::sum));
    long notes = result.outcomes().stream().filter(o -> o.noteFailure().isPresent()).count();
    int jobs = result.outcomes().size();
    String byStatus =
        counts.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().key())
            .collect(Collectors.joining(", "));
    return "ox_task: "
        + (result.interrupted() ? "interrupted; " : "")
        + jobs
        + (jobs == 1 ? " job" : " jobs")
        + " in "
        + seconds(result.duration().toMillis() / 1000.0)
        + (byStatus.isEmpty() ? "" : ": " + byStatus)
        + (notes == 0 ? "" : "; " + notes + (notes == 1 ? " note" : " notes") + " failed");
  }

  static String mark(JobStatus status) {
    return switch (status) {
      case SUCCESS -> "✓";
      case FAILED -> "✗";
      case TIMEOUT -> "⏱";
      case ERROR -> "!";
      case CANCELLED -> "⊘";
      case SKIPPED -> "-";
    };
  }

  static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1fs", seconds);
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  private String mask(String text) {
    return masker.mask(text);
  }

  /** ANSI colour when the console is a terminal and {@code NO_COLOR} is not set, else plain. */
  record Style(boolean colour) {

    static final Style PLAIN = new Style(false);

    /** Colour only on a terminal, and never when {@code NO_COLOR} is set to anything non-empty. */
    static Style detect(boolean terminal, Map<String, String> environment) {
      String noColor = environment.get("NO_COLOR");
      return new Style(terminal && (noColor == null || noColor.isEmpty()));
    }

    String colour(JobStatus status, String text) {
      return switch (status) {
        case SUCCESS -> ansi("32", text);
        case FAILED, TIMEOUT, ERROR -> ansi("31", text);
        case CANCELLED, SKIPPED -> ansi("33", text);
      };
    }

    String red(String text) {
      return ansi("31", text);
    }

    String dim(String text) {
      return ansi("2", text);
    }

    private String ansi(String code, String text) {
      return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
  }
}
