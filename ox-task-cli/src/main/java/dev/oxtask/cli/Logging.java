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

  /**
   * Raises the log level for {@code --debug}. Without it nothing is done here, so a command that
   * logs nothing never starts logback (a third of {@code ox_task --version}'s start-up): the quiet
   * levels come from {@code logback.xml}.
   */
  static void configure(boolean debug) {
    if (!debug) {
      return;
    }
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.DEBUG);
    }
    if (LoggerFactory.getLogger("org.pf4j") instanceof Logger pf4j) {
      pf4j.setLevel(Level.DEBUG);
    }
  }
}
