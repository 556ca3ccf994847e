package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogProviderTest {

  @TempDir Path dir;
  private final String property = System.getProperty(LogConfigurator.FILE_PROPERTY);

  @AfterEach
  void restoreTheProperty() {
    if (property == null) {
      System.clearProperty(LogConfigurator.FILE_PROPERTY);
    } else {
      System.setProperty(LogConfigurator.FILE_PROPERTY, property);
    }
  }

  @Test
  void theShippedConfigurationIsSetUpWithoutLogbacksOwnSearch() throws Exception {
    Path shipped = Files.writeString(dir.resolve("logback.xml"), LogConfigurator.SHIPPED_TEXT);
    System.setProperty(LogConfigurator.FILE_PROPERTY, shipped.toString());
    LogProvider provider = new LogProvider();

    provider.initialize();

    LoggerContext context = (LoggerContext) provider.getLoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("STDERR")).isInstanceOf(LogConfigurator.Stderr.class);
    assertThat(context.getLogger("org.pf4j").getLevel()).isEqualTo(Level.OFF);
    assertThat(provider.getMDCAdapter()).isNotNull();
    assertThat(provider.getMarkerFactory().getMarker("m").getName()).isEqualTo("m");
    assertThat(provider.getRequestedApiVersion()).startsWith("2.");
  }

  @Test
  void anEditedConfigurationIsReadByLogback() throws Exception {
    Path edited =
        Files.writeString(
            dir.resolve("edited.xml"),
            LogConfigurator.SHIPPED_TEXT.replace("level=\"OFF\"", "level=\"INFO\""));
    System.setProperty(LogConfigurator.FILE_PROPERTY, edited.toString());
    LogProvider provider = new LogProvider();

    provider.initialize();

    LoggerContext context = (LoggerContext) provider.getLoggerFactory();
    assertThat(context.getLogger("org.pf4j").getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"))
        .isInstanceOf(ch.qos.logback.core.ConsoleAppender.class);
  }
}
