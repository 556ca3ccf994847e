package dev.oxtask.cli;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.run.JobOutcome;
import dev.oxtask.core.run.RunListener;
import dev.oxtask.core.run.RunResult;
import dev.oxtask.core.text.SecretMasker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The run's console output (spec section 7): where the run's logs go, a line per finished job, the
 * output tail of a job that did not succeed with the path of its full log, a line per failed note,
 * and a summary line. Everything is masked. On a terminal it can also keep a status line at the
 * bottom, redrawn in place every second, naming the jobs that are running and for how long.
 */
final class ConsoleReporter implements RunListener {

  /** How many lines of a failed job's stdout and stderr the console shows. */
  static final int TAIL_LINES = 20;

  /** At most this many characters of each tail, however long its lines. */
  static final int TAIL_CHARS = 2000;

  /** How much a successful job's output {@code --output} shows, as the original did. */
  static final int OUTPUT_CHARS = 400;

  static final int OUTPUT_LINES = 6;

  /** The status line fits a standard 80-column terminal, so it never wraps. */
  static final int STATUS_WIDTH = 79;

  /** Back to the start of the line and erase it. */
  static final String CLEAR_LINE = "\r\u001b[K";

  /** How much the console says. */
  enum Detail {
    /** Only jobs that did not succeed and failed notes ({@code --quiet}). */
    QUIET,
    /** A line per job; the output of jobs that did not succeed. */
    NORMAL,
    /** Also the start of each successful job's output ({@code --output}, {@code -v}). */
    OUTPUT
  }

  private final PrintStream out;
  private final SecretMasker masker;
  private final Style style;
  private final Detail detail;
  private final String runId;
  private final Path runDir;
  private final boolean live;
  // Job name to when it started (System.nanoTime), for the status line.
  private final Map<String, Long> running = new LinkedHashMap<>();
  private ScheduledExecutorService ticker;
  private boolean statusShown;
  private int nameWidth;
  private String lastShown = "";

  /**
   * @param runDir where the run's logs go ({@code <work-dir>/runs/<run-id>})
   * @param live keep a status line of the running jobs (only on a terminal, never in CI logs)
   */
  ConsoleReporter(
      PrintStream out,
      SecretMasker masker,
      Style style,
      Detail detail,
      String runId,
      Path runDir,
      boolean live) {
    this.out = out;
    this.masker = masker;
    this.style = style;
    this.detail = detail;
    this.runId = runId;
    this.runDir = runDir;
    this.live = live;
  }

  @Override
  public synchronized void runStarted(List<TaskJob> jobs) {
    if (live) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ox_task-status-line");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    }
    nameWidth = 0;
    for (TaskJob job : jobs) {
      nameWidth = Math.max(nameWidth, job.name().length());
    }
    if (detail != Detail.QUIET) {
      out.println(
          style.dim(
              "ox_task: run "
                  + runId
                  + ", "
                  + jobs.size()
                  + (jobs.size() == 1 ? " job" : " jobs")
                  + "; logs in "
                  + runDir
                  + "/"));
      out.flush();
    }
  }

  @Override
  public synchronized void jobStarted(TaskJob job) {
    if (live) {
      running.put(job.name(), System.nanoTime());
      redraw();
    }
  }

  @Override
  public synchronized void jobEnded(TaskJob job) {
    if (running.remove(job.name()) != null) {
      redraw();
    }
  }

  @Override
  public synchronized void jobFinished(JobOutcome outcome) {
    clearStatus();
    JobResult r = outcome.result();
    running.remove(r.job());
    boolean ok = r.status().succeeded();
    if (detail != Detail.QUIET || !ok) {
      printLine(r);
    }
    if (!ok && r.status() != JobStatus.SKIPPED) {
      tail("stdout", r.output(), logFile(r, ".stdout"));
      tail("stderr", r.stderr(), logFile(r, ".stderr"));
    } else if (ok && detail == Detail.OUTPUT && !r.output().isBlank()) {
      output(r.output());
    }
    drawStatus();
    out.flush();
  }

  /** Printed under its job's line; the line is repeated when other lines came between. */
  @Override
  public synchronized void noteFailed(JobOutcome outcome) {
    clearStatus();
    JobResult r = outcome.result();
    if (!lastShown.equals(r.job())) {
      printLine(r);
    }
    outcome.noteFailure().ifPresent(f -> out.println(mask(style.red("  note failed: ") + f)));
    drawStatus();
    out.flush();
  }

  @Override
  public synchronized void waitingForNote(TaskJob job) {
    clearStatus();
    if (detail != Detail.QUIET) {
      out.println(
          mask(
              "ox_task: waiting for note '"
                  + job.note().orElse("")
                  + "' (of job '"
                  + job.name()
                  + "') to be delivered"));
      out.flush();
    }
  }

  @Override
  public synchronized void runFinished(RunResult result) {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    running.clear();
    clearStatus();
    if (detail != Detail.QUIET) {
      out.println(mask(summary(result)));
      out.flush();
    }
  }

  /** Redraws the status line in place (the ticker calls this every second). */
  private synchronized void redraw() {
    clearStatus();
    drawStatus();
    out.flush();
  }

  /** "⋯ running: build 12s, test 3s", when jobs are running; never wider than a terminal. */
  private void drawStatus() {
    if (!live || running.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    String jobs =
        running.entrySet().stream()
            .map(e -> e.getKey() + " " + TimeUnit.NANOSECONDS.toSeconds(now - e.getValue()) + "s")
            .collect(Collectors.joining(", "));
    String text = "⋯ running: " + jobs;
    if (text.length() > STATUS_WIDTH) {
      text = text.substring(0, STATUS_WIDTH - 1) + "…";
    }
    out.print(mask(style.dim(text)));
    statusShown = true;
  }

  private void clearStatus() {
    if (statusShown) {
      out.print(CLEAR_LINE);
      statusShown = false;
    }
  }

  private void printLine(JobResult r) {
    out.println(mask(line(r)));
    lastShown = r.job();
  }

  private String line(JobResult r) {
    String text =
        style.colour(r.status(), mark(r.status()))
            + " "
            + pad(r.job(), nameWidth)
            + "  "
            + style.colour(r.status(), pad(r.status().key(), 9))
            + " "
            + seconds(r.duration())
            + (r.attempts() > 1 ? " (" + r.attempts() + " attempts)" : "");
    return r.error().isPresent() ? text + "  " + r.error().get() : text;
  }

  /** The last lines of a failed job's stream, at most {@link #TAIL_CHARS}, and its log file. */
  private void tail(String stream, String text, Optional<Path> log) {
    if (text.isBlank()) {
      return;
    }
    List<String> lines = text.lines().toList();
    List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    String shown = String.join("\n", last);
    String cut = lines.size() > TAIL_LINES ? "last " + TAIL_LINES + " lines" : "";
    if (shown.length() > TAIL_CHARS) {
      shown = "…" + shown.substring(shown.length() - TAIL_CHARS);
      cut = "last " + TAIL_CHARS + " characters";
    }
    String intro = cut.isEmpty() ? "" : "; all of it in ";
    String heading = cut + log.map(p -> intro + p).orElse("");
    out.println(style.dim("  " + stream + (heading.isEmpty() ? "" : " (" + heading + ")") + ":"));
    shown.lines().forEach(l -> out.println(mask(style.dim("  | ") + l)));
  }

  /** {@code Output: ...} as the original printed it: 400 characters, 6 lines, then "...". */
  private void output(String text) {
    String shown = text.substring(0, Math.min(text.length(), OUTPUT_CHARS));
    shown = String.join("\n", shown.lines().limit(OUTPUT_LINES).toList());
    if (!shown.equals(text.stripTrailing())) {
      shown += "...";
    }
    out.println(mask("  Output: " + shown.replace("\n", "\n          ")));
  }

  /** The job's log file whose name ends with {@code suffix}, as the result lists it. */
  private static Optional<Path> logFile(JobResult r, String suffix) {
    return r.logFiles().stream().filter(p -> p.toString().endsWith(suffix)).findFirst();
  }

  /** "4 jobs in 2.1s: 3 success, 1 failed; 1 note failed". */
  static String summary(RunResult result) {
    Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
    int notes = 0;
    for (JobOutcome outcome : result.outcomes()) {
      JobStatus status = outcome.result().status();
      counts.put(status, counts.getOrDefault(status, 0) + 1);
      notes += outcome.noteFailure().isPresent() ? 1 : 0;
    }
    int jobs = result.outcomes().size();
    StringJoiner byStatus = new StringJoiner(", ");
    for (Map.Entry<JobStatus, Integer> count : counts.entrySet()) {
      byStatus.add(count.getValue() + " " + count.getKey().key());
    }
    return "ox_task: "
        + (result.interrupted() ? "interrupted; " : "")
        + jobs
        + (jobs == 1 ? " job" : " jobs")
        + " in "
        + seconds(result.duration())
        + (counts.isEmpty() ? "" : ": " + byStatus)
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

  /**
   * A job line's duration column: always one decimal ({@code 0.0s}, {@code 75.3s}) so the lines of
   * a run align, unlike the {@code DurationText} of messages and notes. Tenths rounded half up, as
   * "%.1f" rounds them, without String.format (20 ms at its first use, 0.2 ms per job after).
   */
  static String seconds(Duration duration) {
    long tenths = (duration.toMillis() + 50) / 100;
    return tenths / 10 + "." + tenths % 10 + "s";
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
