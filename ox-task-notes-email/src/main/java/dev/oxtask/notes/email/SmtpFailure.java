package dev.oxtask.notes.email;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Why one attempt to send failed, in words that name the server, and whether trying again can help:
 * connection failures and SMTP 4xx replies can; authentication failures, 5xx replies and TLS
 * problems can't.
 *
 * @param retryable true when a later attempt may succeed
 * @param reason what went wrong and how to fix it; never holds the password
 */
record SmtpFailure(boolean retryable, String reason) {

  private static final Pattern REPLY_CODE = Pattern.compile("(?:^|response: )([2-5]\\d\\d)[ -]");

  static SmtpFailure of(MessagingException e, SmtpSettings settings) {
    String server = settings.server();
    if (e instanceof AuthenticationFailedException) {
      return new SmtpFailure(
          false,
          "authentication failed for user "
              + settings.username().orElse("")
              + " at "
              + server
              + serverSaid(e)
              + " — check username and password; for Gmail use an app password");
    }
    if (e instanceof MailConnectException) {
      return new SmtpFailure(
          true,
          "could not connect to "
              + server
              + ": "
              + rootMessage(e)
              + " — check host, port and security, and that the server is up");
    }
    if (e.getMessage() != null && e.getMessage().contains("STARTTLS is required")) {
      return new SmtpFailure(
          false,
          server
              + " does not offer STARTTLS, and security starttls never sends without TLS — use"
              + " security ssl if the server speaks TLS from the start (usually port 465), or"
              + " security none only for a relay on a trusted network");
    }
    if (causeOf(e, SSLException.class).isPresent()
        || String.valueOf(e.getMessage()).contains("verify identity")) {
      return new SmtpFailure(false, tlsReason(e, settings));
    }
    Optional<Integer> code = replyCode(e);
    if (code.isPresent()) {
      return new SmtpFailure(
          code.get() >= 400 && code.get() < 500,
          server + " refused the message: " + firstLine(e.getMessage()) + rejected(e));
    }
    if (causeOf(e, IOException.class).isPresent()) {
      return new SmtpFailure(true, "the connection to " + server + " failed: " + rootMessage(e));
    }
    return new SmtpFailure(
        false, "sending via " + server + " failed: " + firstLine(e.getMessage()));
  }

  private static String tlsReason(MessagingException e, SmtpSettings settings) {
    String server = settings.server();
    String root = rootMessage(e);
    if (causeOf(e, CertificateException.class).isPresent()
        && (root.startsWith("No name matching") || root.startsWith("No subject alternative"))) {
      return "the TLS certificate of "
          + server
          + " is not issued for "
          + settings.host()
          + " ("
          + root
          + ") — set host to the name the certificate is issued for";
    }
    if (root.contains("certification path")) {
      return "the TLS certificate of "
          + server
          + " is not trusted ("
          + root
          + ") — if the server uses a private or self-signed certificate, set trust_certificate"
          + " to its PEM file";
    }
    return "TLS with "
        + server
        + " failed: "
        + root
        + " — check that the port speaks security "
        + settings.security().key()
        + " (ssl: usually 465, starttls: usually 587)";
  }

  private static Optional<Integer> replyCode(MessagingException e) {
    if (e instanceof SMTPSendFailedException s) {
      return Optional.of(s.getReturnCode());
    }
    if (e instanceof SMTPAddressFailedException a) {
      return Optional.of(a.getReturnCode());
    }
    if (e instanceof SMTPSenderFailedException f) {
      return Optional.of(f.getReturnCode());
    }
    Matcher m = REPLY_CODE.matcher(String.valueOf(e.getMessage()));
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The addresses the server turned down, with its reply for each. */
  private static String rejected(MessagingException e) {
    if (!(e instanceof SendFailedException failed) || failed.getInvalidAddresses() == null) {
      return "";
    }
    String addresses =
        Arrays.stream(failed.getInvalidAddresses())
            .map(Address::toString)
            .collect(Collectors.joining(", "));
    return addresses.isEmpty() ? "" : " (rejected: " + addresses + ")";
  }

  private static String serverSaid(MessagingException e) {
    String said = firstLine(e.getMessage());
    return said.isEmpty() ? "" : " (server said: " + said + ")";
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.strip().lines().findFirst().orElse("");
  }

  private static <T extends Throwable> Optional<Throwable> causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = firstLine(root.getMessage());
    return message.isEmpty() ? root.getClass().getSimpleName() : message;
  }
}
