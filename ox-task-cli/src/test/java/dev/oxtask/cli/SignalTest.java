package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a real {@code ox_task} JVM: jobs cancelled, report written, exit 130. */
class SignalTest {

  @TempDir Path dir;

  @Test
  void sigtermStopsRunningJobsWritesTheReportAndExits130() throws Exception {
    String marker = "60." + String.format("%09d", System.nanoTime() % 1_000_000_000L);
    Path plan = dir.resolve("tasks.json");
    Files.writeString(
        plan,
        "{\"jobs\": {\"long\": {\"command\": \"sleep "
            + marker
            + " & sleep "
            + marker
            + "\", \"shell\": true}, \"later\": {\"command\": \"true\"}}}");
    Path report = dir.resolve("report.json");
    Process ox =
        new ProcessBuilder(
                MainProcess.command(
                    "run",
                    "--work-dir",
                    dir.resolve("work").toString(),
                    "--report",
                    report.toString(),
                    plan.toString()))
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .redirectInput(new File("/dev/null"))
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (sleepers(marker).size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(sleepers(marker)).hasSizeGreaterThanOrEqualTo(2);

      ox.destroy(); // SIGTERM

      assertThat(ox.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      ox.destroyForcibly();
    }
    assertThat(ox.exitValue()).isEqualTo(130);
    assertThat(sleepers(marker)).isEmpty();
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.get("interrupted").asBoolean()).isTrue();
    assertThat(json.get("jobs").get(0).get("status").asText()).isEqualTo("cancelled");
    assertThat(json.get("jobs").get(1).get("status").asText()).isEqualTo("skipped");
    assertThat(Files.readString(dir.resolve("out.txt")))
        .contains("⊘ long   cancelled")
        .contains("ox_task: interrupted; 2 jobs in ");
  }

  private static List<ProcessHandle> sleepers(String marker) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(h -> h.info().arguments().map(a -> String.join(" ", a)).orElse("").contains(marker))
        .toList();
  }
}
