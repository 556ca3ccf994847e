package dev.oxtask.cli;

import dev.oxtask.notes.file.SimpleFileLog;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Puts the real file notes plugin into a plugins folder for CLI tests: its built JAR when Maven
 * packaged it, else its compiled classes packed the same way (as during {@code mvn test}).
 */
final class TestPlugins {

  private TestPlugins() {}

  /** Installs the ox-task-notes-file plugin into {@code folder}; returns the JAR. */
  static Path installFileNotes(Path folder) throws Exception {
    Files.createDirectories(folder);
    Path built = codeSource();
    Path jar = folder.resolve("ox-task-notes-file.jar");
    if (Files.isRegularFile(built)) {
      return Files.copy(built, jar, StandardCopyOption.REPLACE_EXISTING);
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Plugin-Id", "ox-task-notes-file");
    manifest.getMainAttributes().putValue("Plugin-Version", "test");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(file, manifest);
        Stream<Path> entries = Files.walk(built)) {
      for (Path entry : entries.filter(Files::isRegularFile).sorted().toList()) {
        String name = built.relativize(entry).toString().replace('\\', '/');
        if (!name.equals("META-INF/MANIFEST.MF")) {
          zip.putNextEntry(new JarEntry(name));
          Files.copy(entry, zip);
        }
      }
    }
    return jar;
  }

  private static Path codeSource() throws URISyntaxException {
    return Path.of(SimpleFileLog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
