package dev.oxtask.notes.email;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.util.List;
import org.pf4j.Extension;

/**
 * Mails a job's result through an SMTP server: a text and an HTML alternative, over STARTTLS
 * (required), implicit TLS or, for a trusted relay, no TLS.
 */
@Extension
public final class SmtpEmail implements Note {

  private final SmtpDelivery delivery;

  public SmtpEmail() {
    this(SmtpDelivery.Backoff.EXPONENTIAL);
  }

  SmtpEmail(SmtpDelivery.Backoff backoff) {
    this.delivery = new SmtpDelivery(backoff);
  }

  @Override
  public String name() {
    return "SmtpEmail";
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    return SmtpSettings.validate(options);
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    send(SmtpSettings.from(options), result, context);
  }

  /** Sends with settings already read, for this note and its aliases. */
  void send(SmtpSettings settings, JobResult result, NoteContext context) throws NoteException {
    // Jakarta Mail finds its providers through the context class loader; under pf4j that must be
    // the plugin's loader, whichever thread the engine calls from.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(SmtpEmail.class.getClassLoader());
    try {
      delivery.send(settings, new ResultMail(result, context));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
