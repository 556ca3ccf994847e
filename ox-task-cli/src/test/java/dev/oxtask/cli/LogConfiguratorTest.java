package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogConfiguratorTest {

  @TempDir Path dir;

  private Path shippedCopy() throws Exception {
    Path copy = dir.resolve("logback.xml");
    try (InputStream shipped = LogConfigurator.class.getResourceAsStream(LogConfigurator.SHIPPED)) {
      Files.copy(shipped, copy);
    }
    return copy;
  }

  @Test
  void theShippedFileUneditedIsConfiguredInCodeAsItSays() throws Exception {
    LoggerContext context = new LoggerContext();
    String before = System.setProperty(LogConfigurator.FILE_PROPERTY, shippedCopy().toString());
    try {
      LogConfigurator configurator = new LogConfigurator();
      configurator.setContext(context);

      assertThat(configurator.configure(context))
          .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    } finally {
      if (before == null) {
        System.clearProperty(LogConfigurator.FILE_PROPERTY);
      } else {
        System.setProperty(LogConfigurator.FILE_PROPERTY, before);
      }
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("STDERR")).isNotNull();
    assertThat(context.getLogger("org.pf4j").getLevel()).isEqualTo(Level.OFF);
  }

  @Test
  void anEditedOrOtherFileIsLeftToLogbacksOwnReader() throws Exception {
    Path edited = shippedCopy();
    Files.writeString(edited, Files.readString(edited).replace("level=\"OFF\"", "level=\"INFO\""));

    assertThat(LogConfigurator.edited(edited.toString())).isTrue();
    assertThat(LogConfigurator.edited(dir.resolve("missing.xml").toString())).isTrue();
  }

  @Test
  void noFileNamedMeansTheShippedConfiguration() throws Exception {
    assertThat(LogConfigurator.edited(null)).isFalse();
    Path unedited = dir.resolve("unedited.xml");
    try (InputStream shipped = LogConfigurator.class.getResourceAsStream(LogConfigurator.SHIPPED)) {
      Files.copy(shipped, unedited);
    }
    assertThat(LogConfigurator.edited(unedited.toString())).isFalse();
  }

  @Test
  void theShippedTextInTheCodeIsTheShippedFile() throws Exception {
    try (InputStream shipped = LogConfigurator.class.getResourceAsStream(LogConfigurator.SHIPPED)) {
      assertThat(new String(shipped.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(LogConfigurator.SHIPPED_TEXT)
          .contains("<pattern>" + LogConfigurator.PATTERN + "</pattern>");
    }
  }

  @Test
  void theStderrAppenderWritesTheFirstWarningInTheShippedPattern() throws Exception {
    LoggerContext context = new LoggerContext();
    // What slf4j's logback provider sets on the context it starts.
    context.setMDCAdapter(new LogbackMDCAdapter());
    new LogConfigurator().configure(context);
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      context.getLogger("dev.oxtask.core.delivery.NoteDispatcher").warn("note n failed");
      context.getLogger("org.pf4j.PluginManager").error("hidden: pf4j is off");
      context.getLogger("dev.oxtask.core.run.Engine").info("hidden: below WARN");
    } finally {
      System.setErr(before);
      context.stop();
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .matches(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  d\\.o\\.c\\.d\\.NoteDispatcher - note n failed\\R");
  }
}
