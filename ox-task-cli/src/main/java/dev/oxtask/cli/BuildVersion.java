package dev.oxtask.cli;

/**
 * The version this JAR was built as, and what {@code ox_task --version} prints. Apart from {@link
 * Version}, picocli's version provider, so that {@code --version} loads no picocli class (each one
 * costs it a search of the class path's JARs).
 */
final class BuildVersion {

  private BuildVersion() {}

  /** {@code ox_task 1.2.3}. */
  static String line() {
    // concat, not +: the first + a JVM links costs this short command generated classes.
    return "ox_task ".concat(current());
  }

  /** {@code 1.2.3}, or {@code development build} outside a built JAR. */
  static String current() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version != null ? version : "development build";
  }
}
