package dev.oxtask.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Sets up logback as the shipped {@code logback.xml} says, in code: parsing the XML file costs a
 * JVM that logs anything about a tenth of a second. A configuration file that differs from the
 * shipped one (the user edited {@code conf/logback.xml}, or named another file) is left to
 * logback's own reader. Found by logback through {@code META-INF/services}.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

  /** The system property that names logback's configuration file. */
  static final String FILE_PROPERTY = "logback.configurationFile";

  /** The shipped configuration, a resource of this JAR and the zip's {@code conf/logback.xml}. */
  static final String SHIPPED = "/logback.xml";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (edited(System.getProperty(FILE_PROPERTY))) {
      return ExecutionStatus.NEUTRAL;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("org.pf4j").setLevel(Level.OFF);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Whether {@code file} holds a configuration other than the shipped one; no file (no property)
   * means the shipped one, and a file that cannot be read is logback's to report.
   */
  static boolean edited(String file) {
    if (file == null) {
      return false;
    }
    try (InputStream shipped = LogConfigurator.class.getResourceAsStream(SHIPPED)) {
      return shipped == null
          || !Arrays.equals(Files.readAllBytes(Path.of(file)), shipped.readAllBytes());
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }
}
