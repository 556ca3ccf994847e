package dev.oxtask.notes.file;

import static dev.oxtask.notes.file.Results.context;
import static dev.oxtask.notes.file.Results.options;
import static dev.oxtask.notes.file.Results.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.Note;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The file notes write where a user's path leads, as other programs' output does: through symbolic
 * links, to devices and pipes, and with the modes files get from the process's umask.
 */
class LinksAndModesTest {

  @TempDir Path dir;

  /** Each way of writing a file: FileNotifier (replace), SimpleFileLog appending and replacing. */
  static List<Arguments> writers() {
    return List.of(
        Arguments.of("FileNotifier", new FileNotifier(), Map.of()),
        Arguments.of("SimpleFileLog", new SimpleFileLog(), Map.of()),
        Arguments.of("SimpleFileLog append false", new SimpleFileLog(), Map.of("append", false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  void symlinkTargetGetsTheResultAndTheLinkStaysALink(
      String name, Note note, Map<String, Object> extra) throws Exception {
    Path target = Files.writeString(dir.resolve("real.log"), "");
    Path link = Files.createSymbolicLink(dir.resolve("latest.log"), target.getFileName());

    send(note, link, extra);

    assertThat(link).isSymbolicLink();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(target.getFileName());
    assertThat(Files.readString(target)).startsWith("=== hello: success");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  void danglingSymlinkGetsItsTargetCreated(String name, Note note, Map<String, Object> extra)
      throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("latest.log"), Path.of("real.log"));

    send(note, link, extra);

    assertThat(link).isSymbolicLink();
    assertThat(Files.readString(dir.resolve("real.log"))).startsWith("=== hello: success");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  void linkToDevNullIsWrittenThroughAndDevNullStaysADevice(
      String name, Note note, Map<String, Object> extra) throws Exception {
    // Through a link in the test's folder: code that wrongly replaced the path it is given would
    // replace this link, not the machine's /dev/null (which, run as root, it could).
    Path devNull = Path.of("/dev/null");
    assertThat(Files.isRegularFile(devNull)).as("/dev/null before the test").isFalse();
    Path link = Files.createSymbolicLink(dir.resolve("sink"), devNull);

    send(note, link, extra);

    assertThat(link).isSymbolicLink();
    assertThat(Files.isRegularFile(devNull)).isFalse();
  }

  @Test
  void devNullNamedDirectlyIsALogThatSwallowsResults() throws Exception {
    send(new SimpleFileLog(), Path.of("/dev/null"), Map.of());

    assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  void namedPipeGetsTheResultWrittenIntoIt(String name, Note note, Map<String, Object> extra)
      throws Exception {
    Path fifo = dir.resolve("results.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    Process reader = new ProcessBuilder("cat", fifo.toString()).start();
    try {
      reader.getOutputStream().close();

      send(note, fifo, extra);

      assertThat(reader.waitFor(30, TimeUnit.SECONDS)).as("cat read to the end").isTrue();
      String read = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(read).startsWith("=== hello: success");
      assertThat(Files.isRegularFile(fifo)).isFalse();
    } finally {
      reader.destroyForcibly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  void existingFileKeepsItsMode(String name, Note note, Map<String, Object> extra)
      throws Exception {
    Path file = Files.writeString(dir.resolve("shared.log"), "");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    send(note, file, extra);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
    assertThat(Files.readString(file)).startsWith("=== hello: success");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  void newFileGetsTheModeThatTheUmaskGivesNewFiles(
      String name, Note note, Map<String, Object> extra) throws Exception {
    Path file = dir.resolve("new.log");
    Path plain = Files.createFile(dir.resolve("created-by-java.txt"));

    send(note, file, extra);

    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void replacingThroughALinkInAnotherFolderLeavesNoTemporaryFileInEitherFolder() throws Exception {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path target = Files.writeString(elsewhere.resolve("real.log"), "old");
    Path links = Files.createDirectory(dir.resolve("links"));
    Path link = Files.createSymbolicLink(links.resolve("latest.log"), target);

    send(new FileNotifier(), link, Map.of());

    try (var files = Files.list(elsewhere)) {
      assertThat(files).containsExactly(target);
    }
    try (var files = Files.list(links)) {
      assertThat(files).containsExactly(link);
    }
  }

  private static void send(Note note, Path path, Map<String, Object> extra) throws Exception {
    Map<String, Object> options = new HashMap<>(extra);
    options.put("path", path.toString());
    note.send(options(options), result("hello", JobStatus.SUCCESS, "hi\n"), context());
  }
}
