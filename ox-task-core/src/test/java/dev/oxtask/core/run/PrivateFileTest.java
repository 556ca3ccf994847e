package dev.oxtask.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFileTest {

  @TempDir Path dir;

  @Test
  void replacedFileIsOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
    Path target = dir.resolve("report.json");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));

    PrivateFile.replace(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

    assertThat(target).hasContent("new");
    assertThat(mode(target)).isEqualTo("rw-------");
    assertThat(list()).containsExactly("report.json");
  }

  @Test
  void plantedLinksBesideTheTargetAreNotFollowed() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "precious");
    Path target = dir.resolve("report.json");
    // The name an earlier version wrote through first.
    Files.createSymbolicLink(dir.resolve("report.json.partial"), victim);

    PrivateFile.replace(target, out -> out.write("report".getBytes(StandardCharsets.UTF_8)));

    assertThat(victim).hasContent("precious");
    assertThat(target).hasContent("report");
  }

  @Test
  void linkAtTheTargetIsReplacedNotWrittenThrough() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "precious");
    Path target = Files.createSymbolicLink(dir.resolve("report.json"), victim);

    PrivateFile.replace(target, out -> out.write("report".getBytes(StandardCharsets.UTF_8)));

    assertThat(victim).hasContent("precious");
    assertThat(Files.isSymbolicLink(target)).isFalse();
    assertThat(target).hasContent("report");
  }

  @Test
  void failedWriteLeavesTheTargetAndNoTemporaryFile() throws Exception {
    Path target = Files.writeString(dir.resolve("state.json"), "old");

    assertThatThrownBy(
            () ->
                PrivateFile.replace(
                    target,
                    out -> {
                      out.write("half".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");

    assertThat(target).hasContent("old");
    assertThat(list()).containsExactly("state.json");
  }

  @Test
  void appendCreatesAnOwnerOnlyFileAndRefusesALink() throws Exception {
    Path log = dir.resolve("env.log");
    PrivateFile.append(log, "a\n");
    PrivateFile.append(log, "b\n");
    assertThat(log).hasContent("a\nb");
    assertThat(mode(log)).isEqualTo("rw-------");

    Path victim = Files.writeString(dir.resolve("victim"), "precious");
    Path link = Files.createSymbolicLink(dir.resolve("link.log"), victim);
    assertThatThrownBy(() -> PrivateFile.append(link, "x")).isInstanceOf(IOException.class);
    assertThat(victim).hasContent("precious");
  }

  private java.util.List<String> list() throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
