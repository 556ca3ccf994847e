package dev.oxtask.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of ox-task-core, as the build wrote it: the version plugins' {@code Plugin-Requires}
 * is checked against.
 */
public final class CoreVersion {

  private static final String RESOURCE = "core-version.properties";

  private CoreVersion() {}

  /** This ox-task-core's version, e.g. {@code 0.1.0}. */
  public static String current() {
    try (InputStream in = CoreVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from ox-task-core's JAR");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
