package dev.oxtask.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code ox_task --version}: the version the JAR was built as. */
final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {line()};
  }

  /** {@code ox_task 1.2.3}: what {@code ox_task --version} prints. */
  static String line() {
    return "ox_task " + current();
  }

  static String current() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version != null ? version : "development build";
  }
}
