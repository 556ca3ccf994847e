package dev.oxtask.core.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a run goes: where it writes, how many jobs at once, and the collaborators it calls.
 *
 * @param workDir scratch folders, logs, envs and state ({@code <work-dir>/runs/<run-id>/...})
 * @param root where env {@code path}s are resolved
 * @param runId names this run's log folder and is {@code OX_TASK_RUN_ID}
 * @param environment the runner's environment, the start of every job's
 * @param parallel how many jobs run at once (1 or more)
 * @param failFast after the first job that does not succeed, start no more (they are skipped)
 * @param killGrace how long a stopped process tree has between SIGTERM and SIGKILL
 * @param outputLimit how much of each output stream a result keeps in memory
 * @param pythonEnvs builds venvs; only called for envs that need one
 * @param notes delivers each finished job's result to its note
 */
public record RunOptions(
    Path workDir,
    Path root,
    String runId,
    Map<String, String> environment,
    int parallel,
    boolean failFast,
    Duration killGrace,
    OutputLimit outputLimit,
    PythonEnvs pythonEnvs,
    NoteDelivery notes) {

  /** The grace period of spec section 4. */
  public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);

  public RunOptions {
    workDir = workDir.toAbsolutePath().normalize();
    root = root.toAbsolutePath().normalize();
    requireNonNull(runId, "runId");
    environment = Map.copyOf(environment);
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
    }
    requireNonNull(killGrace, "killGrace");
    requireNonNull(outputLimit, "outputLimit");
    requireNonNull(pythonEnvs, "pythonEnvs");
    requireNonNull(notes, "notes");
  }

  /**
   * A builder starting from one job at a time, no fail-fast, the spec's grace and output limits,
   * this process's environment, a fresh run id, no notes, and {@code pythonEnvs} for venvs.
   */
  public static Builder builder(Path workDir, Path root, PythonEnvs pythonEnvs) {
    return new Builder(workDir, root, pythonEnvs);
  }

  /** A builder holding these options, to derive changed ones. */
  public Builder toBuilder() {
    return new Builder(workDir, root, pythonEnvs)
        .runId(runId)
        .environment(environment)
        .parallel(parallel)
        .failFast(failFast)
        .killGrace(killGrace)
        .outputLimit(outputLimit)
        .notes(notes);
  }

  /** A run id that sorts by time and does not collide between runs started the same second. */
  public static String newRunId() {
    // yyyyMMdd'T'HHmmss'Z'-xxxx written digit by digit: DateTimeFormatter and String.format took
    // milliseconds of every run at their first use.
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    StringBuilder id = new StringBuilder(20);
    digits(id, now.getYear(), 4);
    digits(id, now.getMonthValue(), 2);
    digits(id, now.getDayOfMonth(), 2);
    id.append('T');
    digits(id, now.getHour(), 2);
    digits(id, now.getMinute(), 2);
    digits(id, now.getSecond(), 2);
    String random = Integer.toHexString(0x10000 | ThreadLocalRandom.current().nextInt(0x10000));
    return id.append("Z-").append(random, 1, 5).toString();
  }

  private static void digits(StringBuilder out, int value, int width) {
    String text = Integer.toString(value);
    for (int i = text.length(); i < width; i++) {
      out.append('0');
    }
    out.append(text);
  }

  /** The folder holding this run's {@code <job>.stdout} and {@code <job>.stderr}. */
  public Path runDir() {
    return runDir(workDir, runId);
  }

  /** The folder of run {@code runId}'s logs in {@code workDir}, made absolute. */
  public static Path runDir(Path workDir, String runId) {
    return workDir.toAbsolutePath().normalize().resolve("runs").resolve(runId);
  }

  /** Collects {@link RunOptions}; see {@link #builder} for the defaults. */
  public static final class Builder {
    private final Path workDir;
    private final Path root;
    private final PythonEnvs pythonEnvs;
    private String runId = newRunId();
    private Map<String, String> environment = System.getenv();
    private int parallel = 1;
    private boolean failFast;
    private Duration killGrace = DEFAULT_KILL_GRACE;
    private OutputLimit outputLimit = OutputLimit.DEFAULT;
    private NoteDelivery notes = NoteDelivery.NONE;

    private Builder(Path workDir, Path root, PythonEnvs pythonEnvs) {
      this.workDir = workDir;
      this.root = root;
      this.pythonEnvs = pythonEnvs;
    }

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder environment(Map<String, String> environment) {
      this.environment = environment;
      return this;
    }

    public Builder parallel(int parallel) {
      this.parallel = parallel;
      return this;
    }

    public Builder failFast(boolean failFast) {
      this.failFast = failFast;
      return this;
    }

    public Builder killGrace(Duration killGrace) {
      this.killGrace = killGrace;
      return this;
    }

    public Builder outputLimit(OutputLimit outputLimit) {
      this.outputLimit = outputLimit;
      return this;
    }

    public Builder notes(NoteDelivery notes) {
      this.notes = notes;
      return this;
    }

    /** The options; checks them as the constructor does. */
    public RunOptions build() {
      return new RunOptions(
          workDir,
          root,
          runId,
          environment,
          parallel,
          failFast,
          killGrace,
          outputLimit,
          pythonEnvs,
          notes);
    }
  }
}
