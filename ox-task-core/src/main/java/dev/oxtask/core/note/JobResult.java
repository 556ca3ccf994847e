package dev.oxtask.core.note;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one job did: the fields of a job result in spec section 4.
 *
 * @param job the job's name
 * @param status how it ended
 * @param exitCode the last attempt's exit code, absent when the process never exited by itself
 * @param output stdout as kept in memory (head and tail when truncated), secrets masked
 * @param stderr stderr as kept in memory (head and tail when truncated), secrets masked
 * @param command the command as run, after substitution, secrets masked
 * @param cwd the working directory
 * @param startedAt when the first attempt started
 * @param duration wall-clock time of all attempts
 * @param attempts how many attempts ran (0 when the job never started)
 * @param error why the job did not succeed in words, absent on success
 * @param outputTruncated true when {@code output} is only the head and the tail
 * @param stderrTruncated true when {@code stderr} is only the head and the tail
 * @param logFiles the files holding the complete stdout and stderr
 */
public record JobResult(
    String job,
    JobStatus status,
    OptionalInt exitCode,
    String output,
    String stderr,
    List<String> command,
    Optional<Path> cwd,
    Instant startedAt,
    Duration duration,
    int attempts,
    Optional<String> error,
    boolean outputTruncated,
    boolean stderrTruncated,
    List<Path> logFiles) {

  public JobResult {
    requireNonNull(job, "job");
    requireNonNull(status, "status");
    requireNonNull(exitCode, "exitCode");
    requireNonNull(output, "output");
    requireNonNull(stderr, "stderr");
    command = List.copyOf(command);
    requireNonNull(cwd, "cwd");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(duration, "duration");
    requireNonNull(error, "error");
    logFiles = List.copyOf(logFiles);
  }

  /** Duration in seconds with millisecond precision, as reports show it. */
  public double durationSeconds() {
    return duration.toMillis() / 1000.0;
  }
}
