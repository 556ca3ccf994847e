package dev.oxtask.notes.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several ox-task processes appending to one file: the OS file lock keeps records whole. */
class LockedFileProcessesTest {

  private static final int PROCESSES = 3;
  private static final int RECORDS = 100;
  private static final int SIZE = 32 * 1024;

  @TempDir Path dir;

  @Test
  void severalProcessesAppendingToOneFileKeepEveryRecordWhole() throws Exception {
    Path file = dir.resolve("shared.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      processes.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  AppendingProcess.class.getName(),
                  file.toString(),
                  "writer-" + p,
                  String.valueOf(RECORDS),
                  String.valueOf(SIZE))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("process-" + p + ".out").toFile())
              .start());
    }
    for (Process process : processes) {
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(PROCESSES * RECORDS);
    Set<String> seen = new HashSet<>();
    String body = "z".repeat(SIZE);
    for (String line : lines) {
      String[] parts = line.split(" ");
      assertThat(parts).hasSize(3);
      assertThat(parts[2]).isEqualTo(body);
      seen.add(parts[0] + " " + parts[1]);
    }
    assertThat(seen).hasSize(PROCESSES * RECORDS);
  }
}
