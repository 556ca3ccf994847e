package dev.oxtask.core.note;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * What a note may need besides its options and the result.
 *
 * @param noteName the key under {@code notes} that is being sent
 * @param hostName the machine the job ran on
 * @param runUrl the GitHub Actions run page, when running under GitHub Actions
 * @param environment the job's environment (runner environment plus the env's variables)
 * @param console the runner's standard output, for notes that print
 */
public record NoteContext(
    String noteName,
    String hostName,
    Optional<String> runUrl,
    Map<String, String> environment,
    PrintStream console) {

  public NoteContext {
    requireNonNull(noteName, "noteName");
    requireNonNull(hostName, "hostName");
    requireNonNull(runUrl, "runUrl");
    environment = Map.copyOf(environment);
    requireNonNull(console, "console");
  }

  /**
   * The GitHub Actions run page built from {@code GITHUB_SERVER_URL}, {@code GITHUB_REPOSITORY} and
   * {@code GITHUB_RUN_ID}, when all three are set.
   */
  public static Optional<String> gitHubRunUrl(Map<String, String> env) {
    String server = env.get("GITHUB_SERVER_URL");
    String repository = env.get("GITHUB_REPOSITORY");
    String runId = env.get("GITHUB_RUN_ID");
    if (isBlank(server) || isBlank(repository) || isBlank(runId)) {
      return Optional.empty();
    }
    return Optional.of(server + "/" + repository + "/actions/runs/" + runId);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
