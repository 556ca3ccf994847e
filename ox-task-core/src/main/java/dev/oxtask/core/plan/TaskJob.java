package dev.oxtask.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One command to run, with its env, note, timeout and retry policy.
 *
 * @param name the key under {@code jobs}
 * @param description free text, one entry per line
 * @param env the name of the TaskEnv, if any
 * @param note the name of the TaskNote, if any; an empty name means none, as {@code ""} in a plan
 *     does
 * @param command the program and its arguments; a plan's string command has already been split into
 *     words, unless {@code shell} is true, when it is the single element
 * @param shell run through {@code /bin/sh -c}, the elements joined with spaces
 * @param timeout wall-clock limit of one attempt
 * @param retries extra attempts after a failure or timeout
 * @param retryDelay first delay between attempts; doubles each time
 * @param planFile the plan file that defines this job
 */
public record TaskJob(
    String name,
    List<String> description,
    Optional<String> env,
    Optional<String> note,
    List<String> command,
    boolean shell,
    Duration timeout,
    int retries,
    Duration retryDelay,
    Path planFile) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(10);

  public TaskJob {
    requireNonNull(name, "name");
    description = List.copyOf(description);
    requireNonNull(env, "env");
    requireNonNull(note, "note");
    note = note.isPresent() && note.get().isEmpty() ? Optional.empty() : note;
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command of job '" + name + "' is empty");
    }
    requireNonNull(timeout, "timeout");
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0, was " + retries);
    }
    requireNonNull(retryDelay, "retryDelay");
    requireNonNull(planFile, "planFile");
  }
}
