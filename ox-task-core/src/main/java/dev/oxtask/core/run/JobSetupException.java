package dev.oxtask.core.run;

/** A job could not be started; its message becomes the result's {@code error} (status error). */
final class JobSetupException extends Exception {

  private static final long serialVersionUID = 1L;

  JobSetupException(String message) {
    super(message);
  }
}
