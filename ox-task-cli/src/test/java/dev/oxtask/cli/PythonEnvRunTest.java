package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxtask.core.testing.PythonRequired;
import dev.oxtask.core.testing.TinyWheel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ox_task run} end to end with Python envs: a plan whose env installs a local wheel (no
 * network), two jobs importing it in parallel, and an env whose requirement cannot be met.
 */
class PythonEnvRunTest {

  @TempDir Path root;
  @TempDir Path work;

  @BeforeAll
  static void needsPython() throws InterruptedException {
    PythonRequired.check();
  }

  @Test
  void jobsOfOneEnvShareOneVenvAndABrokenEnvFailsOnlyItsJobs() throws Exception {
    TinyWheel.write(root.resolve("wheels"), "oxtiny", "1.0");
    Path plan =
        Files.writeString(
            root.resolve("tasks.json"),
            """
            {
              "envs": {
                "tiny": {"requirements": ["--no-index", "--find-links wheels", "oxtiny==1.0"]},
                "broken": {"requirements": ["--no-index", "--find-links wheels", "oxgone==9"]}
              },
              "jobs": {
                "first": {
                  "env": "tiny",
                  "command": ["python3", "-c", "import oxtiny, os; print(oxtiny.VALUE, os.environ['VIRTUAL_ENV'])"]
                },
                "second": {
                  "env": "tiny",
                  "command": ["python", "-c", "import oxtiny, sys; print(oxtiny.VALUE, sys.prefix)"]
                },
                "third": {"env": "broken", "command": ["python3", "-c", "print('never')"]},
                "plain": {"command": ["echo", "no venv"]}
              }
            }
            """);
    Path report = work.resolve("report.json");

    CliRun run =
        CliRun.of(
            "run",
            plan.toString(),
            "--root",
            root.toString(),
            "--work-dir",
            work.toString(),
            "--parallel",
            "4",
            "--report",
            report.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    Path venv = onlyEnvFolder();
    JsonNode jobs = jobsByName(report);
    assertThat(jobs.get("first").get("status").asText()).isEqualTo("success");
    assertThat(jobs.get("first").get("output").asText()).isEqualTo("oxtiny 1.0 " + venv + "\n");
    assertThat(jobs.get("second").get("status").asText()).isEqualTo("success");
    assertThat(jobs.get("second").get("output").asText()).isEqualTo("oxtiny 1.0 " + venv + "\n");
    assertThat(jobs.get("plain").get("status").asText()).isEqualTo("success");
    assertThat(jobs.get("third").get("status").asText()).isEqualTo("error");
    Path runDir = onlyRunDir();
    assertThat(jobs.get("third").get("error").asText())
        .startsWith(
            "env 'broken': pip install failed (exit 1); last lines of "
                + runDir.resolve("env-broken.log")
                + ":\n")
        .contains("No matching distribution found for oxgone==9");
    assertThat(pipRuns(runDir.resolve("env-tiny.log"))).isEqualTo(1);

    CliRun again =
        CliRun.of(
            "run",
            plan.toString(),
            "--root",
            root.toString(),
            "--work-dir",
            work.toString(),
            "--job",
            "first");

    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    assertThat(onlyEnvFolder()).isEqualTo(venv);
    Path secondRun;
    try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
      secondRun = runs.filter(dir -> !dir.equals(runDir)).findFirst().orElseThrow();
    }
    assertThat(pipRuns(secondRun.resolve("env-tiny.log"))).isZero();
  }

  private Path onlyEnvFolder() throws IOException {
    try (Stream<Path> entries = Files.list(work.resolve("envs"))) {
      List<Path> folders = entries.filter(Files::isDirectory).toList();
      assertThat(folders).hasSize(1);
      return folders.get(0);
    }
  }

  private Path onlyRunDir() throws IOException {
    try (Stream<Path> entries = Files.list(work.resolve("runs"))) {
      List<Path> runs = entries.toList();
      assertThat(runs).hasSize(1);
      return runs.get(0);
    }
  }

  private static JsonNode jobsByName(Path report) throws IOException {
    JsonNode root = new ObjectMapper().readTree(report.toFile());
    com.fasterxml.jackson.databind.node.ObjectNode byName = new ObjectMapper().createObjectNode();
    for (JsonNode job : root.get("jobs")) {
      byName.set(job.get("job").asText(), job);
    }
    return byName;
  }

  private static long pipRuns(Path log) throws IOException {
    return Files.readAllLines(log).stream().filter(line -> line.contains("-m pip install")).count();
  }
}
