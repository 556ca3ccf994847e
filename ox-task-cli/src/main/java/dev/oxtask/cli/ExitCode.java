package dev.oxtask.cli;

/** The exit codes of spec section 7. */
final class ExitCode {
  /** Every job succeeded and every note was delivered. */
  static final int OK = 0;

  /** A job did not succeed or a note failed. */
  static final int FAILED = 1;

  /** Bad usage or an invalid plan; nothing ran. */
  static final int USAGE = 2;

  /** The run was interrupted (SIGINT/SIGTERM). */
  static final int INTERRUPTED = 130;

  private ExitCode() {}
}
