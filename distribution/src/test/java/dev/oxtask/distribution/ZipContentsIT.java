package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The entries of the real `ox-task-<version>.zip` (spec section 8). */
class ZipContentsIT {

  static final List<String> NOTE_PLUGINS =
      List.of(
          "ox-task-notes-email",
          "ox-task-notes-file",
          "ox-task-notes-slack",
          "ox-task-notes-webhook");

  FileSystem zip;
  Path root;

  @BeforeEach
  void open() throws IOException {
    zip = Installation.openZip();
    root = zip.getPath("/ox-task-" + Installation.version());
  }

  @AfterEach
  void close() throws IOException {
    zip.close();
  }

  @Test
  void everythingSitsUnderOneRootFolderNamedForTheVersion() throws IOException {
    try (Stream<Path> top = Files.list(zip.getPath("/"))) {
      assertThat(top.map(Path::toString)).containsExactly("/ox-task-" + Installation.version());
    }
    try (Stream<Path> children = Files.list(root)) {
      assertThat(children.map(path -> path.getFileName().toString()))
          .contains("bin", "lib", "plugins", "conf", "examples", "README.md", "LICENSE");
    }
  }

  @Test
  void unixLauncherIsExecutableAndWindowsLauncherHasCrlfLines() throws IOException {
    Path launcher = root.resolve("bin/ox_task");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(launcher)))
        .isEqualTo("rwxr-xr-x");
    assertThat(Files.readString(launcher)).startsWith("#!/bin/sh\n").doesNotContain("\r");
    assertThat(Files.readString(root.resolve("bin/ox_task.cmd")))
        .startsWith("@echo off\r\n")
        .doesNotContainPattern("[^\r]\n");
  }

  @Test
  void libHoldsCliAndCoreAndNoPlugin() throws IOException {
    List<Path> jars = jarsIn("lib");
    assertThat(jars.stream().map(jar -> jar.getFileName().toString()))
        .contains(
            "ox-task-cli-" + Installation.version() + ".jar",
            "ox-task-core-" + Installation.version() + ".jar")
        .noneMatch(name -> name.startsWith("ox-task-notes-"));
    for (Path jar : jars) {
      assertThat(attribute(jar, "Plugin-Id"))
          .as("pf4j Plugin-Id of lib/%s", jar.getFileName())
          .isEmpty();
    }
  }

  @Test
  void pluginsHoldsTheNotePluginJars() throws IOException {
    List<Path> jars = jarsIn("plugins");
    assertThat(jars.stream().map(jar -> jar.getFileName().toString()))
        .containsExactlyInAnyOrderElementsOf(
            NOTE_PLUGINS.stream().map(id -> id + "-" + Installation.version() + ".jar").toList());
    assertThat(jars.stream().map(jar -> attribute(jar, "Plugin-Id")).map(Optional::orElseThrow))
        .containsExactlyInAnyOrderElementsOf(NOTE_PLUGINS);
  }

  @Test
  void eachPluginRequiresTheOxTaskItWasBuiltWithOrLater() throws IOException {
    assertThat(jarsIn("plugins"))
        .allSatisfy(
            jar ->
                assertThat(attribute(jar, "Plugin-Requires"))
                    .contains(">=" + Installation.version()));
  }

  @Test
  void logbackConfigurationIsQuietByDefault() throws IOException {
    assertThat(Files.readString(root.resolve("conf/logback.xml")))
        .contains("<root level=\"WARN\">");
  }

  @Test
  void pythonFolderHoldsTheOxTaskShimThatPythonPlansImport() throws IOException {
    Path shim =
        Installation.repository()
            .resolve("ox-task-core/src/main/resources/dev/oxtask/core/plan/shim");
    for (String file :
        List.of("ox_task/__init__.py", "ox_task/core/__init__.py", "ox_task/core/models.py")) {
      assertThat(Files.readAllBytes(root.resolve("python").resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(shim.resolve(file)));
    }
  }

  @Test
  void examplesSchemaReadmeAndLicenseAreTheRepositorysFiles() throws IOException {
    Path repository = Installation.repository();
    List<String> shipped = List.of("README.md", "LICENSE", "plugins/README.md");
    for (String folder : List.of("examples", "schema")) {
      if (Files.isDirectory(repository.resolve(folder))) {
        try (Stream<Path> files = Files.walk(repository.resolve(folder))) {
          shipped =
              Stream.concat(
                      shipped.stream(),
                      files
                          .filter(Files::isRegularFile)
                          .map(file -> repository.relativize(file).toString()))
                  .toList();
        }
      }
    }
    assertThat(shipped).contains("examples/github/scheduled.yml", "examples/github/fan-out.yml");
    for (String file : shipped) {
      assertThat(root.resolve(file)).as(file).exists();
      assertThat(Files.readAllBytes(root.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(repository.resolve(file)));
    }
  }

  private List<Path> jarsIn(String folder) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve(folder))) {
      return files.filter(file -> file.toString().endsWith(".jar")).toList();
    }
  }

  private static Optional<String> attribute(Path jar, String name) {
    try (InputStream in = Files.newInputStream(jar);
        JarInputStream jarIn = new JarInputStream(in)) {
      Manifest manifest = jarIn.getManifest();
      return Optional.ofNullable(manifest).map(m -> m.getMainAttributes().getValue(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
