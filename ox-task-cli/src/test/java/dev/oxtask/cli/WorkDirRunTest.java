package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.testing.OtherUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ox_task run} keeps other local users ({@link OtherUser}) out of its work dir. */
class WorkDirRunTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> environment, String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        environment);
  }

  private Path plan() throws Exception {
    return Files.writeString(
        dir.resolve("tasks.json"),
        "{\"jobs\": {\"mark\": {\"command\": \"touch " + dir.resolve("ran") + "\"}}}");
  }

  @Test
  void workDirTakenOverByAnotherUserIsRefusedBeforeAnyJobRuns() throws Exception {
    Path work = Files.createDirectory(dir.resolve("shared"));
    OtherUser.owns(work);

    int code = run(System.getenv(), "run", "--work-dir", work.toString(), plan().toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("ox_task: unsafe work dir: " + work + " is owned by uid 12345, not by you")
        .endsWith(" remove it or choose another --work-dir\n");
    assertThat(dir.resolve("ran")).doesNotExist();
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void defaultWorkDirIsPrivateAndStateAndReportAreOwnerOnly() throws Exception {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.remove("XDG_STATE_HOME");
    environment.put("HOME", dir.resolve("home").toString());
    Path report = dir.resolve("out/report.json");

    int code = run(environment, "run", "--report", report.toString(), plan().toString());

    assertThat(code).isZero();
    assertThat(dir.resolve("ran")).exists();
    Path work = dir.resolve("home/.local/state/ox_task");
    assertThat(mode(work)).isEqualTo("rwx------");
    assertThat(mode(work.resolve("runs"))).isEqualTo("rwx------");
    assertThat(mode(work.resolve("state.json"))).isEqualTo("rw-------");
    assertThat(mode(report)).isEqualTo("rw-------");
    assertThat(list(report.getParent())).containsExactly("report.json");
  }

  @Test
  void reportPathThatIsAFolderIsRefusedBeforeAnyJobAndLeavesNoFile() throws Exception {
    Path report = Files.createDirectories(dir.resolve("out/report.json/inside"));

    int code =
        run(
            System.getenv(),
            "run",
            "--work-dir",
            dir.resolve("work").toString(),
            "--report",
            report.getParent().toString(),
            plan().toString());

    // Checked before any job runs (exit 2); a write that fails later is PrivateFileTest's case.
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith(
            "ox_task: cannot write the report to " + report.getParent() + ": it is a folder");
    assertThat(list(dir.resolve("out"))).containsExactly("report.json");
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<String> list(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
