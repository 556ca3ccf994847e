package dev.oxtask.cli;

import dev.oxtask.notes.file.SimpleFileLog;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Puts the real file notes plugin into a plugins folder for CLI tests: its classes (from its plain
 * JAR when Maven packaged it, else its classes folder, as during {@code mvn test}) packed with a
 * pf4j MANIFEST.
 */
final class TestPlugins {

  private TestPlugins() {}

  /** Installs the ox-task-notes-file plugin into {@code folder}; returns the JAR. */
  static Path installFileNotes(Path folder) throws Exception {
    Files.createDirectories(folder);
    Path built =
        Path.of(SimpleFileLog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = folder.resolve("ox-task-notes-file.jar");
    if (Files.isRegularFile(built)) {
      try (FileSystem zip = FileSystems.newFileSystem(built)) {
        pack(zip.getPath("/"), jar);
      }
    } else {
      pack(built, jar);
    }
    return jar;
  }

  private static void pack(Path classes, Path jar) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Plugin-Id", "ox-task-notes-file");
    manifest.getMainAttributes().putValue("Plugin-Version", "test");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(file, manifest);
        Stream<Path> entries = Files.walk(classes)) {
      for (Path entry : entries.filter(Files::isRegularFile).sorted().toList()) {
        String name = classes.relativize(entry).toString().replace('\\', '/');
        if (!name.equals("META-INF/MANIFEST.MF")) {
          zip.putNextEntry(new JarEntry(name));
          Files.copy(entry, zip);
        }
      }
    }
  }
}
