package dev.oxtask.core.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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
   * One job at a time, no fail-fast, the spec's grace and output limits, this process's
   * environment, a fresh run id, no notes, and {@code pythonEnvs} for venvs.
   */
  public static RunOptions defaults(Path workDir, Path root, PythonEnvs pythonEnvs) {
    return new RunOptions(
        workDir,
        root,
        newRunId(),
        System.getenv(),
        1,
        false,
        DEFAULT_KILL_GRACE,
        OutputLimit.DEFAULT,
        pythonEnvs,
        NoteDelivery.NONE);
  }

  /** A run id that sorts by time and does not collide between runs started the same second. */
  public static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .format(ZonedDateTime.now(ZoneOffset.UTC))
        + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /** The folder holding this run's {@code <job>.stdout} and {@code <job>.stderr}. */
  public Path runDir() {
    return runDir(workDir, runId);
  }

  /** The folder of run {@code runId}'s logs in {@code workDir}, made absolute. */
  public static Path runDir(Path workDir, String runId) {
    return workDir.toAbsolutePath().normalize().resolve("runs").resolve(runId);
  }

  public RunOptions withParallel(int parallel) {
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

  public RunOptions withFailFast(boolean failFast) {
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

  public RunOptions withEnvironment(Map<String, String> environment) {
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

  public RunOptions withKillGrace(Duration killGrace) {
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

  public RunOptions withOutputLimit(OutputLimit outputLimit) {
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

  public RunOptions withNotes(NoteDelivery notes) {
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

  public RunOptions withRunId(String runId) {
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
