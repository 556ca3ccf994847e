package dev.oxtask.core.note;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * What a note may need besides its options and the result.
 *
 * <p>Built with {@link #builder(String)}, so that what is added later is one more accessor and a
 * plugin's tests that build contexts keep compiling.
 */
public final class NoteContext {
  private final String noteName;
  private final String hostName;
  private final Optional<String> runUrl;
  private final Map<String, String> environment;
  private final PrintStream console;

  private NoteContext(Builder b) {
    noteName = b.noteName;
    hostName = b.hostName;
    runUrl = b.runUrl;
    environment = Map.copyOf(b.environment);
    console = b.console;
  }

  /** A builder for the context of sending the note {@code noteName}. */
  public static Builder builder(String noteName) {
    return new Builder(noteName);
  }

  /** The key under {@code notes} that is being sent. */
  public String noteName() {
    return noteName;
  }

  /** The machine the job ran on. */
  public String hostName() {
    return hostName;
  }

  /** The GitHub Actions run page, when running under GitHub Actions. */
  public Optional<String> runUrl() {
    return runUrl;
  }

  /** The job's environment (runner environment plus the env's variables). */
  public Map<String, String> environment() {
    return environment;
  }

  /** The runner's standard output, for notes that print. */
  public PrintStream console() {
    return console;
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

  /**
   * Collects a {@link NoteContext}'s fields. Defaults: host {@code localhost}, no run page, an
   * empty environment, {@code System.out} as the console.
   */
  public static final class Builder {
    private final String noteName;
    private String hostName = "localhost";
    private Optional<String> runUrl = Optional.empty();
    private Map<String, String> environment = Map.of();
    private PrintStream console = System.out;

    private Builder(String noteName) {
      this.noteName = requireNonNull(noteName, "noteName");
    }

    public Builder hostName(String hostName) {
      this.hostName = requireNonNull(hostName, "hostName");
      return this;
    }

    public Builder runUrl(Optional<String> runUrl) {
      this.runUrl = requireNonNull(runUrl, "runUrl");
      return this;
    }

    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    public Builder console(PrintStream console) {
      this.console = requireNonNull(console, "console");
      return this;
    }

    public NoteContext build() {
      return new NoteContext(this);
    }
  }
}
