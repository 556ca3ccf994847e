package dev.oxtask.distribution;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The real zip `package` built, and an installation made by unpacking it like `unzip` would. */
record Installation(Path home) {

  Installation {
    requireNonNull(home, "home");
  }

  /** The zip under test: `target/ox-task-<version>.zip`, named by the failsafe configuration. */
  static Path zip() {
    return Paths.get(property("ox-task.zip"));
  }

  static String version() {
    return property("ox-task.version");
  }

  /** The repository root, where examples/, schema/ and the workflows come from. */
  static Path repository() {
    return Paths.get(property("ox-task.repo.dir")).toAbsolutePath().normalize();
  }

  /** Opens the zip with each entry's Unix mode readable as POSIX permissions. */
  static FileSystem openZip() throws IOException {
    return FileSystems.newFileSystem(zip(), Map.of("enablePosixFileAttributes", "true"));
  }

  /** Unpacks the zip into {@code folder}, keeping each entry's mode, and returns the install. */
  static Installation unpackInto(Path folder) throws IOException {
    try (FileSystem zip = openZip();
        Stream<Path> entries = Files.walk(zip.getPath("/"))) {
      List<Path> all = entries.toList();
      for (Path entry : all) {
        Path target = folder.resolve(entry.toString().substring(1));
        if (Files.isDirectory(entry)) {
          Files.createDirectories(target);
        } else {
          Files.copy(entry, target);
        }
        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(entry));
      }
    }
    return new Installation(folder.resolve("ox-task-" + version()).toRealPath());
  }

  Path launcher() {
    return home.resolve("bin/ox_task");
  }

  /** Makes every file and folder of the installation read-only (or writable again). */
  void setWritable(boolean writable) {
    try (Stream<Path> paths = Files.walk(home)) {
      for (Path path : paths.toList()) {
        path.toFile().setWritable(writable, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every path of the installation with its size and modification time, in order. */
  List<String> snapshot() throws IOException {
    try (Stream<Path> paths = Files.walk(home)) {
      return paths
          .sorted()
          .map(
              path -> {
                File file = path.toFile();
                return home.relativize(path) + " " + file.length() + " " + file.lastModified();
              })
          .toList();
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run these tests with ./mvnw verify");
    }
    return value;
  }
}
