package dev.oxtask.notes.email;

import static java.util.Objects.requireNonNull;

import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything needed to mail one result, read from a {@code SmtpEmail} note's options.
 *
 * @param host the SMTP server
 * @param port its port
 * @param security how the connection is protected
 * @param username the account to log in as; no login when absent
 * @param password the account's password (a secret: never shown by {@link #toString()})
 * @param from the sender address
 * @param to the recipients (each entry may hold several comma-separated addresses)
 * @param cc the copy recipients
 * @param subject the subject line; the default one when absent
 * @param timeout limit for connecting, reading and writing
 * @param retries extra attempts after a connection failure or an SMTP 4xx reply
 * @param trustCertificate a PEM certificate file or a JKS keystore whose certificates are trusted
 *     instead of the JDK's certificate authorities
 */
record SmtpSettings(
    String host,
    int port,
    Security security,
    Optional<String> username,
    Optional<String> password,
    String from,
    List<String> to,
    List<String> cc,
    Optional<String> subject,
    Duration timeout,
    int retries,
    Optional<Path> trustCertificate) {

  static final Set<String> KEYS =
      Set.of(
          "host",
          "port",
          "security",
          "username",
          "password",
          "from",
          "to",
          "cc",
          "subject",
          "timeout",
          "retries",
          "trust_certificate");

  static final double DEFAULT_TIMEOUT_SECONDS = 30;
  static final int DEFAULT_RETRIES = 3;

  SmtpSettings {
    requireNonNull(host, "host");
    requireNonNull(security, "security");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    requireNonNull(from, "from");
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    requireNonNull(subject, "subject");
    requireNonNull(timeout, "timeout");
    requireNonNull(trustCertificate, "trustCertificate");
  }

  /** Reads options that {@link #validate} accepted. */
  static SmtpSettings from(NoteOptions options) {
    Security security = Security.of(options.string("security", "starttls"));
    return new SmtpSettings(
        options.string("host", ""),
        options.integer("port", security.defaultPort()),
        security,
        options.string("username").filter(s -> !s.isEmpty()),
        options.string("password"),
        options.string("from", ""),
        options.strings("to"),
        options.strings("cc"),
        options.string("subject"),
        Duration.ofMillis(Math.round(options.number("timeout", DEFAULT_TIMEOUT_SECONDS) * 1000)),
        options.integer("retries", DEFAULT_RETRIES),
        options.string("trust_certificate").map(Path::of));
  }

  /** Every problem with a {@code SmtpEmail} note's options. */
  static List<OptionProblem> validate(NoteOptions options) {
    NoteOptions.Check check =
        options
            .check()
            .allowOnly(KEYS)
            .requireString("host", "the SMTP server, e.g. smtp.example.org")
            .optionalInteger("port", 1)
            .optionalOneOf("security", "starttls", "ssl", "none")
            .optionalString("username")
            .optionalString("password")
            .requireString("from", "the sender's address, e.g. ox-task@example.org")
            .requireStrings("to", "a recipient's address, or a list of them")
            .optionalStrings("cc")
            .optionalString("subject")
            .optionalPositiveNumber("timeout")
            .optionalInteger("retries", 0)
            .optionalString("trust_certificate");
    if (options.integer("port", 1) > 65535) {
      check.add("port", "must be at most 65535, not " + options.integer("port", 1));
    }
    if (options.string("password").isPresent() && options.string("username").isEmpty()) {
      check.add("password", "is set but username is not: set username to the account to log in as");
    }
    if (options.string("username").isPresent() && options.string("password").isEmpty()) {
      check.add("username", "is set but password is not: set password (e.g. \"$SMTP_PASSWORD\")");
    }
    if (options.has("trust_certificate") && options.string("security", "").equals("none")) {
      check.add(
          "trust_certificate",
          "is set but security is none, so no certificate is checked: use security starttls or"
              + " ssl");
    }
    Addresses.check(options, "from", check);
    Addresses.check(options, "to", check);
    Addresses.check(options, "cc", check);
    return check.problems();
  }

  /** Where the server is, for messages: {@code smtp.example.org:587}. */
  String server() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return "SmtpSettings[server="
        + server()
        + ", security="
        + security.key()
        + ", username="
        + username.orElse("")
        + ", password="
        + (password.isPresent() ? "***" : "")
        + ", from="
        + from
        + ", to="
        + to
        + ", cc="
        + cc
        + "]";
  }
}
