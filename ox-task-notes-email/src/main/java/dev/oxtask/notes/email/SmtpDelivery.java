package dev.oxtask.notes.email;

import dev.oxtask.core.note.NoteException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;

/** Sends one {@link ResultMail} over SMTP, retrying what may pass on a later attempt. */
final class SmtpDelivery {

  /** Waits between attempts; tests pass one that doesn't. */
  @FunctionalInterface
  interface Backoff {
    /** Waits before attempt {@code nextAttempt} (2 for the first retry). */
    void await(int nextAttempt) throws InterruptedException;

    /** Two seconds before the first retry, doubling each time up to a minute. */
    Backoff EXPONENTIAL = nextAttempt -> Thread.sleep(delay(nextAttempt).toMillis());

    /** The wait before attempt {@code nextAttempt}: 2 s, 4 s, 8 s, ... at most 60 s. */
    static Duration delay(int nextAttempt) {
      return Duration.ofSeconds(Math.min(60, 2L << Math.min(nextAttempt - 2, 30)));
    }
  }

  private final Backoff backoff;

  SmtpDelivery(Backoff backoff) {
    this.backoff = backoff;
  }

  void send(SmtpSettings settings, ResultMail mail) throws NoteException {
    MimeMessage message;
    try {
      Session session = Session.getInstance(properties(settings));
      message = mail.toMessage(session, settings, recipients(settings));
    } catch (MessagingException e) {
      throw new NoteException(e.getMessage(), e);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        transmit(settings, message);
        return;
      } catch (MessagingException e) {
        SmtpFailure failure = SmtpFailure.of(e, settings);
        if (!failure.retryable()) {
          throw new NoteException(failure.reason(), e);
        }
        if (attempt > settings.retries()) {
          String tries = attempt == 1 ? "1 attempt" : attempt + " attempts";
          throw new NoteException(failure.reason() + " (gave up after " + tries + ")", e);
        }
      }
      pause(attempt + 1);
    }
  }

  private static InternetAddress[] recipients(SmtpSettings settings) throws AddressException {
    return Addresses.parse(settings.to());
  }

  private static void transmit(SmtpSettings settings, MimeMessage message)
      throws MessagingException {
    try (Transport transport = message.getSession().getTransport("smtp")) {
      transport.connect(
          settings.host(),
          settings.port(),
          settings.username().orElse(null),
          settings.password().orElse(null));
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private void pause(int nextAttempt) throws NoteException {
    try {
      backoff.await(nextAttempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NoteException("interrupted while waiting to send the e-mail again", e);
    }
  }

  /** The session's settings: timeouts always, TLS as {@code security} says, checks on. */
  static Properties properties(SmtpSettings settings) throws NoteException {
    Properties p = new Properties();
    String millis = String.valueOf(settings.timeout().toMillis());
    p.setProperty("mail.smtp.host", settings.host());
    p.setProperty("mail.smtp.port", String.valueOf(settings.port()));
    p.setProperty("mail.smtp.connectiontimeout", millis);
    p.setProperty("mail.smtp.timeout", millis);
    p.setProperty("mail.smtp.writetimeout", millis);
    p.setProperty("mail.smtp.auth", String.valueOf(settings.username().isPresent()));
    // Angus retries a failed socket with the JDK's default factory unless told not to, which
    // would hide the trusted certificate's real error behind another one.
    p.setProperty("mail.smtp.socketFactory.fallback", "false");
    switch (settings.security()) {
      case STARTTLS -> {
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
      }
      case SSL -> p.setProperty("mail.smtp.ssl.enable", "true");
      case NONE -> p.setProperty("mail.smtp.ssl.enable", "false");
    }
    if (settings.security() != Security.NONE) {
      p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      if (settings.trustCertificate().isPresent()) {
        p.put(
            "mail.smtp.ssl.socketFactory",
            TrustedCertificates.socketFactory(settings.trustCertificate().get()));
      }
    }
    return p;
  }
}
