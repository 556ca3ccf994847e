package dev.oxtask.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log level for the run: quiet (warnings) by default, everything with {@code --debug}. pf4j's own
 * log stays off unless debugging: ox-task reports plugin problems itself, in words.
 */
final class Logging {

  private Logging() {}

  static void configure(boolean debug) {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(debug ? Level.DEBUG : Level.WARN);
    }
    if (LoggerFactory.getLogger("org.pf4j") instanceof Logger pf4j) {
      pf4j.setLevel(debug ? Level.DEBUG : Level.OFF);
    }
  }
}
