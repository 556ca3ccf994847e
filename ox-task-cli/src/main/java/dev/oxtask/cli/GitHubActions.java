package dev.oxtask.cli;

import dev.oxtask.core.note.DurationText;
import dev.oxtask.core.note.JobResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow commands ox_task speaks when {@code GITHUB_ACTIONS=true}: masks, groups, error
 * annotations and the step summary (spec section 7).
 */
final class GitHubActions {

  private GitHubActions() {}

  /** True when running as a GitHub Actions step. */
  static boolean enabled(Map<String, String> env) {
    return "true".equalsIgnoreCase(env.getOrDefault("GITHUB_ACTIONS", ""));
  }

  /** {@code ::add-mask::} lines for a secret, one per line of it (masks work line by line). */
  static List<String> addMask(String secret) {
    return secret
        .lines()
        .filter(line -> !line.isBlank())
        .map(line -> "::add-mask::" + escapeData(line))
        .toList();
  }

  /** Opens a collapsible group in the log. */
  static String groupStart(String title) {
    return "::group::" + escapeData(title);
  }

  /** Closes the group opened last. */
  static String groupEnd() {
    return "::endgroup::";
  }

  /** An error annotation shown on the run's page. */
  static String error(String title, String message) {
    return "::error title=" + escapeProperty(title) + "::" + escapeData(message);
  }

  /** Escapes a command's message: {@code %}, CR and LF would otherwise end or corrupt it. */
  static String escapeData(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a command's property value, which also must not contain {@code :} or {@code ,}. */
  static String escapeProperty(String text) {
    return escapeData(text).replace(":", "%3A").replace(",", "%2C");
  }

  /**
   * The step summary: a Markdown table with a row per job.
   *
   * @param noteFailures why a job's note failed, by job name
   */
  static String summary(List<JobResult> results, Map<String, String> noteFailures) {
    long succeeded = results.stream().filter(r -> r.status().succeeded()).count();
    StringBuilder md = new StringBuilder();
    md.append("### ox_task: ")
        .append(succeeded)
        .append(" of ")
        .append(results.size())
        .append(results.size() == 1 ? " job" : " jobs")
        .append(" succeeded\n\n")
        .append("| | Job | Status | Exit code | Duration | Note |\n")
        .append("|---|---|---|---|---|---|\n");
    for (JobResult r : results) {
      md.append("| ")
          .append(r.status().succeeded() ? "✅" : "❌")
          .append(" | ")
          .append(cell(r.job()))
          .append(" | ")
          .append(r.status().key())
          .append(" | ")
          .append(r.exitCode().isPresent() ? String.valueOf(r.exitCode().getAsInt()) : "")
          .append(" | ")
          .append(DurationText.of(r.duration()))
          .append(" | ")
          .append(
              Optional.ofNullable(noteFailures.get(r.job())).map(f -> "⚠️ " + cell(f)).orElse(""))
          .append(" |\n");
    }
    return md.toString();
  }

  /**
   * Appends {@code markdown} to the file named by {@code $GITHUB_STEP_SUMMARY}.
   *
   * @return a warning for the user when the file can't be written, else empty
   */
  static Optional<String> appendSummary(Map<String, String> env, String markdown) {
    String file = env.get("GITHUB_STEP_SUMMARY");
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    try {
      Files.writeString(
          Path.of(file),
          markdown + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(
          "ox_task: warning: could not append the run summary to $GITHUB_STEP_SUMMARY ("
              + file
              + "): "
              + reason(e));
    }
  }

  private static String reason(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "its folder does not exist";
    } else if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}
