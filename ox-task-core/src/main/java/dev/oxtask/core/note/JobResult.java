package dev.oxtask.core.note;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one job did: the fields of a job result in spec section 4.
 *
 * <p>Built with {@link #builder(String, JobStatus)}, so that a field added later is one more
 * accessor and one more builder method, and code that builds results (a plugin's tests) keeps
 * compiling. Only {@code job} and {@code status} are required; see {@link Builder} for the defaults
 * of the others.
 */
public final class JobResult {
  private final String job;
  private final JobStatus status;
  private final OptionalInt exitCode;
  private final String output;
  private final String stderr;
  private final List<String> command;
  private final Optional<Path> cwd;
  private final Instant startedAt;
  private final Duration duration;
  private final int attempts;
  private final Optional<String> error;
  private final boolean outputTruncated;
  private final boolean stderrTruncated;
  private final List<Path> logFiles;

  private JobResult(Builder b) {
    job = b.job;
    status = b.status;
    exitCode = b.exitCode;
    output = b.output;
    stderr = b.stderr;
    command = List.copyOf(b.command);
    cwd = b.cwd;
    startedAt = b.startedAt;
    duration = b.duration;
    attempts = b.attempts;
    error = b.error;
    outputTruncated = b.outputTruncated;
    stderrTruncated = b.stderrTruncated;
    logFiles = List.copyOf(b.logFiles);
  }

  /** A builder for the result of job {@code job} that ended with {@code status}. */
  public static Builder builder(String job, JobStatus status) {
    return new Builder(job, status);
  }

  /** A builder holding this result's fields, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(job, status)
        .exitCode(exitCode)
        .output(output)
        .stderr(stderr)
        .command(command)
        .cwd(cwd)
        .startedAt(startedAt)
        .duration(duration)
        .attempts(attempts)
        .error(error)
        .outputTruncated(outputTruncated)
        .stderrTruncated(stderrTruncated)
        .logFiles(logFiles);
  }

  /** The job's name. */
  public String job() {
    return job;
  }

  /** How the job ended. */
  public JobStatus status() {
    return status;
  }

  /** The last attempt's exit code, absent when the process never exited by itself. */
  public OptionalInt exitCode() {
    return exitCode;
  }

  /** Stdout as kept in memory (head and tail when truncated), secrets masked. */
  public String output() {
    return output;
  }

  /** Stderr as kept in memory (head and tail when truncated), secrets masked. */
  public String stderr() {
    return stderr;
  }

  /** The command as run, after substitution, secrets masked. */
  public List<String> command() {
    return command;
  }

  /** The working directory, absent when the job never started. */
  public Optional<Path> cwd() {
    return cwd;
  }

  /** When the first attempt started. */
  public Instant startedAt() {
    return startedAt;
  }

  /** Wall-clock time of all attempts. */
  public Duration duration() {
    return duration;
  }

  /** How many attempts ran (0 when the job never started). */
  public int attempts() {
    return attempts;
  }

  /** Why the job did not succeed in words, absent on success. */
  public Optional<String> error() {
    return error;
  }

  /** True when {@link #output()} is only the head and the tail. */
  public boolean outputTruncated() {
    return outputTruncated;
  }

  /** True when {@link #stderr()} is only the head and the tail. */
  public boolean stderrTruncated() {
    return stderrTruncated;
  }

  /** The files holding the complete stdout and stderr. */
  public List<Path> logFiles() {
    return logFiles;
  }

  /** Duration in seconds with millisecond precision, as reports show it. */
  public double durationSeconds() {
    return duration.toMillis() / 1000.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JobResult r
        && job.equals(r.job)
        && status == r.status
        && exitCode.equals(r.exitCode)
        && output.equals(r.output)
        && stderr.equals(r.stderr)
        && command.equals(r.command)
        && cwd.equals(r.cwd)
        && startedAt.equals(r.startedAt)
        && duration.equals(r.duration)
        && attempts == r.attempts
        && error.equals(r.error)
        && outputTruncated == r.outputTruncated
        && stderrTruncated == r.stderrTruncated
        && logFiles.equals(r.logFiles);
  }

  @Override
  public int hashCode() {
    return Objects.hash(job, status, exitCode, command, startedAt, duration, attempts, error);
  }

  @Override
  public String toString() {
    return "JobResult[job="
        + job
        + ", status="
        + status.key()
        + ", exitCode="
        + exitCode
        + ", attempts="
        + attempts
        + ", duration="
        + duration
        + ", error="
        + error
        + "]";
  }

  /**
   * Collects a {@link JobResult}'s fields. Defaults: no exit code, empty output and stderr, empty
   * command, no working directory, started now, zero duration, 0 attempts, no error, nothing
   * truncated, no log files.
   */
  public static final class Builder {
    private final String job;
    private final JobStatus status;
    private OptionalInt exitCode = OptionalInt.empty();
    private String output = "";
    private String stderr = "";
    private List<String> command = List.of();
    private Optional<Path> cwd = Optional.empty();
    private Instant startedAt = Instant.now();
    private Duration duration = Duration.ZERO;
    private int attempts;
    private Optional<String> error = Optional.empty();
    private boolean outputTruncated;
    private boolean stderrTruncated;
    private List<Path> logFiles = List.of();

    private Builder(String job, JobStatus status) {
      this.job = requireNonNull(job, "job");
      this.status = requireNonNull(status, "status");
    }

    public Builder exitCode(int exitCode) {
      return exitCode(OptionalInt.of(exitCode));
    }

    public Builder exitCode(OptionalInt exitCode) {
      this.exitCode = requireNonNull(exitCode, "exitCode");
      return this;
    }

    public Builder output(String output) {
      this.output = requireNonNull(output, "output");
      return this;
    }

    public Builder stderr(String stderr) {
      this.stderr = requireNonNull(stderr, "stderr");
      return this;
    }

    public Builder command(List<String> command) {
      this.command = List.copyOf(command);
      return this;
    }

    public Builder cwd(Path cwd) {
      return cwd(Optional.of(cwd));
    }

    public Builder cwd(Optional<Path> cwd) {
      this.cwd = requireNonNull(cwd, "cwd");
      return this;
    }

    public Builder startedAt(Instant startedAt) {
      this.startedAt = requireNonNull(startedAt, "startedAt");
      return this;
    }

    public Builder duration(Duration duration) {
      this.duration = requireNonNull(duration, "duration");
      return this;
    }

    public Builder attempts(int attempts) {
      this.attempts = attempts;
      return this;
    }

    public Builder error(String error) {
      return error(Optional.of(error));
    }

    public Builder error(Optional<String> error) {
      this.error = requireNonNull(error, "error");
      return this;
    }

    public Builder outputTruncated(boolean outputTruncated) {
      this.outputTruncated = outputTruncated;
      return this;
    }

    public Builder stderrTruncated(boolean stderrTruncated) {
      this.stderrTruncated = stderrTruncated;
      return this;
    }

    public Builder logFiles(List<Path> logFiles) {
      this.logFiles = List.copyOf(logFiles);
      return this;
    }

    public JobResult build() {
      return new JobResult(this);
    }
  }
}
