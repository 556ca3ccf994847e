package dev.oxtask.core.note;

/** A result could not be delivered; the message says why and, where it can, how to fix it. */
public class NoteException extends Exception {

  private static final long serialVersionUID = 1L;

  public NoteException(String message) {
    super(message);
  }

  public NoteException(String message, Throwable cause) {
    super(message, cause);
  }
}
