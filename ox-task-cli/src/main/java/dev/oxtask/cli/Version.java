package dev.oxtask.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code ox_task --version}: the version the JAR was built as. */
final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"ox_task " + current()};
  }

  static String current() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version != null ? version : "development build";
  }
}
