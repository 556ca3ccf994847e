package dev.oxtask.notes.email;

import java.util.Locale;

/** How the connection to the SMTP server is protected, with the port each way uses by default. */
enum Security {
  /** Plain connection upgraded with STARTTLS; refusing to go on when the server can't. */
  STARTTLS(587),
  /** TLS from the first byte (SMTPS). */
  SSL(465),
  /** No TLS at all: only for a relay on the same machine or a trusted network. */
  NONE(25);

  private final int defaultPort;

  Security(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  int defaultPort() {
    return defaultPort;
  }

  /** The spelling used in plans: {@code starttls}, {@code ssl}, {@code none}. */
  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Security of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
