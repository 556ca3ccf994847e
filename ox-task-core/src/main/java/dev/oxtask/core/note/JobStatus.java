package dev.oxtask.core.note;

import java.util.Locale;

/** How a job ended (spec section 4). */
public enum JobStatus {
  /** Exit code 0. */
  SUCCESS,
  /** A non-zero exit code. */
  FAILED,
  /** The job ran past its timeout and its process tree was stopped. */
  TIMEOUT,
  /** The job could not start: unknown program, backtick failure, env setup failed. */
  ERROR,
  /** The runner was interrupted while the job ran. */
  CANCELLED,
  /** The job was not run. */
  SKIPPED;

  /** The spelling used in reports and notes: {@code success}, {@code timeout}, ... */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True only for {@link #SUCCESS}. */
  public boolean succeeded() {
    return this == SUCCESS;
  }

  /**
   * True when the job ran, or was meant to run, and did not succeed: {@link #FAILED}, {@link
   * #TIMEOUT}, {@link #ERROR} or {@link #CANCELLED}. A {@link #SKIPPED} job did not fail.
   */
  public boolean failed() {
    return this != SUCCESS && this != SKIPPED;
  }
}
