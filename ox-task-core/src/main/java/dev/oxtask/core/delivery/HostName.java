package dev.oxtask.core.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of the machine jobs run on, for notes. */
final class HostName {

  private HostName() {}

  /**
   * The name, looked up once and only when a note is first sent: the lookup may wait on DNS, which
   * {@code validate} and runs without notes should never do.
   */
  static String current() {
    return Lazy.NAME;
  }

  private static final class Lazy {
    static final String NAME = lookUp();
  }

  /** {@code $HOSTNAME} when set (no DNS lookup), else the local host's name, else "unknown". */
  private static String lookUp() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
