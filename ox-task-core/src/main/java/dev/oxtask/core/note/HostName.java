package dev.oxtask.core.note;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of the machine jobs run on, for notes. */
final class HostName {

  private HostName() {}

  /** {@code $HOSTNAME} when set (no DNS lookup), else the local host's name, else "unknown". */
  static String current() {
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
