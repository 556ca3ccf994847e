package dev.oxtask.notes.email;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The original ox_task's Gmail note: {@code to_email}, {@code from_email} and {@code app_passwd} (a
 * Google app password), sent as {@link SmtpEmail} via smtp.gmail.com:587 with STARTTLS.
 */
@Extension
public final class GmailNotifier implements Note {

  static final String GMAIL_HOST = "smtp.gmail.com";
  private static final Set<String> KEYS = Set.of("to_email", "from_email", "app_passwd", "subject");

  private final SmtpEmail smtp;

  public GmailNotifier() {
    this(new SmtpEmail());
  }

  GmailNotifier(SmtpEmail smtp) {
    this.smtp = smtp;
  }

  @Override
  public String name() {
    return "GmailNotifier";
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    NoteOptions.Check check =
        options
            .check()
            .allowOnly(KEYS)
            .requireStrings("to_email", "the recipient's address, or a list of them")
            .requireString("from_email", "the Gmail address that sends (and logs in)")
            .requireString("app_passwd", "a Google app password, e.g. \"$GMAIL_APP_PASSWORD\"")
            .optionalString("subject");
    Addresses.check(options, "to_email", check);
    Addresses.check(options, "from_email", check);
    return check.problems();
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    smtp.send(settings(options), result, context);
  }

  /** The {@link SmtpEmail} settings these options stand for. */
  static SmtpSettings settings(NoteOptions options) {
    String from = options.string("from_email", "");
    return new SmtpSettings(
        GMAIL_HOST,
        Security.STARTTLS.defaultPort(),
        Security.STARTTLS,
        Optional.of(from),
        options.string("app_passwd"),
        from,
        options.strings("to_email"),
        List.of(),
        options.string("subject"),
        Duration.ofMillis(Math.round(SmtpSettings.DEFAULT_TIMEOUT_SECONDS * 1000)),
        SmtpSettings.DEFAULT_RETRIES,
        Optional.<Path>empty());
  }
}
