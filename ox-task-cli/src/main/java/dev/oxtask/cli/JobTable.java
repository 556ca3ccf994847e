package dev.oxtask.cli;

import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The plain-text table {@code ox_task list} prints: one row per job, columns padded to fit. */
final class JobTable {

  private static final List<String> HEADER = List.of("JOB", "ENV", "NOTE", "TIMEOUT", "COMMAND");
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,$-]+");

  private JobTable() {}

  static String of(TaskPlan plan) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (TaskJob job : plan.jobs().values()) {
      rows.add(
          List.of(
              job.name(),
              job.env().orElse("-"),
              job.note().orElse("-"),
              seconds(job),
              command(job)));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
      }
      table.append(line.toString().stripTrailing()).append('\n');
    }
    return table.toString();
  }

  private static String seconds(TaskJob job) {
    return ListCommand.seconds(job.timeout()) + "s";
  }

  /** The command as it could be typed into sh; a shell job shows its text as the shell gets it. */
  private static String command(TaskJob job) {
    if (job.shell()) {
      return "sh -c " + quoted(String.join(" ", job.command()));
    }
    return job.command().stream().map(JobTable::quoted).collect(Collectors.joining(" "));
  }

  /**
   * Double quotes where they can hold the word (they keep {@code $VAR} readable as something
   * substituted), else single quotes.
   */
  private static String quoted(String word) {
    if (PLAIN_WORD.matcher(word).matches()) {
      return word;
    }
    if (word.chars().noneMatch(c -> c == '"' || c == '\\' || c == '`')) {
      return '"' + word + '"';
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
