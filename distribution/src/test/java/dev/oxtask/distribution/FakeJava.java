package dev.oxtask.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Java installations made of a shell script, to see what the launcher does with a `java`. */
final class FakeJava {

  private FakeJava() {}

  /** A `JAVA_HOME` whose `bin/java -version` prints {@code versionLine} as a real java would. */
  static Path printingVersion(Path javaHome, String versionLine) throws IOException {
    writeJava(javaHome, "echo " + quote(versionLine) + " >&2\n");
    return javaHome;
  }

  /**
   * A `JAVA_HOME` whose `bin/java` records its process id, PATH, OX_TASK_PLUGINS_DIR and arguments
   * (one per line) into {@code record}, then becomes the JVM running these tests.
   */
  static Path recording(Path javaHome, Path record) throws IOException {
    String realJava = quote(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    writeJava(
        javaHome,
        "if [ \"$1\" = -version ]; then exec "
            + realJava
            + " -version; fi\n"
            + "{\n"
            + "  echo \"pid=$$\"\n"
            + "  echo \"PATH=$PATH\"\n"
            + "  echo \"OX_TASK_PLUGINS_DIR=${OX_TASK_PLUGINS_DIR-}\"\n"
            + "  for arg in \"$@\"; do echo \"arg=$arg\"; done\n"
            + "} > "
            + quote(record.toString())
            + "\nexec "
            + realJava
            + " \"$@\"\n");
    return javaHome;
  }

  private static void writeJava(Path javaHome, String body) throws IOException {
    Path java = javaHome.resolve("bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Quotes {@code text} for sh: single quotes, with each ' written as '\''. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
