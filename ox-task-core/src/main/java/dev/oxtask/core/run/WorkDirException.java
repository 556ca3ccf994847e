package dev.oxtask.core.run;

/** The work dir is unsafe to use (another user could take it over) or cannot be created. */
public final class WorkDirException extends Exception {

  private static final long serialVersionUID = 1L;

  public WorkDirException(String message) {
    super(message);
  }
}
