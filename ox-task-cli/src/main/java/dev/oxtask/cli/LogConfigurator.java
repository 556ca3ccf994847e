package dev.oxtask.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

  /**
   * The shipped configuration's text, which {@code LogConfiguratorTest} checks against {@link
   * #SHIPPED}: reading the resource searched the class path's JARs, a few milliseconds of every run
   * with a note.
   */
  static final String SHIPPED_TEXT =
"""
<configuration>
  <!-- ox_task's logging: warnings only, on stderr (job results and the summary go to stdout); the
       debug option of ox_task raises it to DEBUG for that run. While this file is unchanged,
       ox_task sets up the same configuration in code, which starts faster (LogConfigurator); once
       you edit it (or point -Dlogback.configurationFile at another file), logback reads it. -->
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder>
      <pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern>
    </encoder>
  </appender>
  <!-- ox-task reports plugin problems itself; pf4j's log is shown only with debug on. -->
  <logger name="org.pf4j" level="OFF"/>
  <root level="WARN">
    <appender-ref ref="STDERR"/>
  </root>
</configuration>
""";

  /** The shipped pattern (time, level, logger and message), as {@link #SHIPPED_TEXT} writes it. */
  static final String PATTERN =
      SHIPPED_TEXT.substring(
          SHIPPED_TEXT.indexOf("<pattern>") + "<pattern>".length(),
          SHIPPED_TEXT.indexOf("</pattern>"));

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (edited(System.getProperty(FILE_PROPERTY))) {
      return ExecutionStatus.NEUTRAL;
    }
    Stderr stderr = new Stderr();
    stderr.setContext(context);
    stderr.setName("STDERR");
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
    try {
      return !Files.readString(Path.of(file), StandardCharsets.UTF_8).equals(SHIPPED_TEXT);
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /**
   * The shipped console appender on stderr, made when the first event comes: most runs log nothing,
   * and parsing the pattern (its converters, the date format and the time zone) was a tenth of the
   * start of a run that loads a note plugin.
   */
  static final class Stderr extends AppenderBase<ILoggingEvent> {

    private ConsoleAppender<ILoggingEvent> console;

    @Override
    protected void append(ILoggingEvent event) {
      if (console == null) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(getContext());
        encoder.setPattern(PATTERN);
        encoder.start();
        console = new ConsoleAppender<>();
        console.setContext(getContext());
        console.setName(getName());
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
      }
      console.doAppend(event);
    }

    @Override
    public void stop() {
      if (console != null) {
        console.stop();
      }
      super.stop();
    }
  }
}
