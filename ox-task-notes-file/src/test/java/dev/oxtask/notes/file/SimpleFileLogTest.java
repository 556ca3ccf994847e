package dev.oxtask.notes.file;

import static dev.oxtask.notes.file.Results.context;
import static dev.oxtask.notes.file.Results.options;
import static dev.oxtask.notes.file.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.OptionProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleFileLogTest {

  private final SimpleFileLog note = new SimpleFileLog();
  @TempDir Path dir;

  @Test
  void declaresItsName() {
    assertThat(note.name()).isEqualTo("SimpleFileLog");
  }

  @Test
  void textFormatIsTheDefaultAndWritesAReadableBlock() throws Exception {
    Path log = dir.resolve("ox.log");
    note.send(
        options(Map.of("path", log.toString())),
        result("weather", JobStatus.FAILED, "sunny\n"),
        context());
    assertThat(Files.readString(log))
        .isEqualTo(
            """
            === weather: failed (exit 3) in 1.3s
            started: 2026-11-28T10:00:00Z on runner-1
            command: echo hi
            cwd: /work
            error: exit code 3
            --- output ---
            sunny

            """);
  }

  @Test
  void jsonFormatWritesOneObjectPerLineWithTheResultFields() throws Exception {
    Path log = dir.resolve("ox.jsonl");
    Map<String, Object> opts = Map.of("path", log.toString(), "format", "json");
    note.send(options(opts), result("a", JobStatus.SUCCESS, "line \"1\"\n"), context());
    note.send(options(opts), result("b", JobStatus.TIMEOUT, ""), context());
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("job").asText()).isEqualTo("a");
    assertThat(first.get("status").asText()).isEqualTo("success");
    assertThat(first.get("exit_code").asInt()).isZero();
    assertThat(first.get("output").asText()).isEqualTo("line \"1\"\n");
    assertThat(first.get("command").toString()).isEqualTo("[\"echo\",\"hi\"]");
    assertThat(first.get("started_at").asText()).isEqualTo("2026-11-28T10:00:00Z");
    assertThat(first.get("duration_s").asDouble()).isEqualTo(1.25);
    assertThat(first.get("error").isNull()).isTrue();
    assertThat(first.get("note").asText()).isEqualTo("log");
    assertThat(new ObjectMapper().readTree(lines.get(1)).get("status").asText())
        .isEqualTo("timeout");
  }

  @Test
  void appendIsTheDefaultSoEarlierRecordsStay() throws Exception {
    Path log = dir.resolve("ox.log");
    note.send(
        options(Map.of("path", log.toString())), result("a", JobStatus.SUCCESS, ""), context());
    note.send(
        options(Map.of("path", log.toString())), result("b", JobStatus.SUCCESS, ""), context());
    assertThat(Files.readString(log)).contains("=== a: success").contains("=== b: success");
  }

  @Test
  void appendFalseReplacesTheFile() throws Exception {
    Path log = dir.resolve("ox.log");
    Map<String, Object> opts = Map.of("path", log.toString(), "append", false);
    note.send(options(opts), result("a", JobStatus.SUCCESS, ""), context());
    note.send(options(opts), result("b", JobStatus.SUCCESS, ""), context());
    assertThat(Files.readString(log)).startsWith("=== b: success").doesNotContain("=== a:");
  }

  @Test
  void createsMissingParentFolders() throws Exception {
    Path log = dir.resolve("deep/er/ox.log");
    note.send(
        options(Map.of("path", log.toString())), result("a", JobStatus.SUCCESS, ""), context());
    assertThat(log).exists();
  }

  @Test
  void aPathThatIsAFolderFailsNamingThePath() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("taken"));
    assertThatThrownBy(
            () ->
                note.send(
                    options(Map.of("path", folder.toString())),
                    result("a", JobStatus.SUCCESS, ""),
                    context()))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("cannot write " + folder + ": ");
  }

  @Test
  void aFailedReplaceLeavesNoPartialFileBehind() throws Exception {
    Path blocker = Files.createDirectory(dir.resolve("sub"));
    Files.writeString(blocker.resolve("child"), "x");
    // A non-empty folder cannot be replaced by a file: the final move fails.
    Map<String, Object> opts = Map.of("path", blocker.toString(), "append", false);
    assertThatThrownBy(
            () -> note.send(options(opts), result("a", JobStatus.SUCCESS, ""), context()))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("cannot write " + blocker + ": ");
    assertThat(Files.readString(blocker.resolve("child"))).isEqualTo("x");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sub");
    }
  }

  @Test
  void manyThreadsAppendingToOneFileKeepEveryRecordWhole() throws Exception {
    Path log = dir.resolve("shared.jsonl");
    Map<String, Object> opts = Map.of("path", log.toString(), "format", "json");
    String bigOutput = "x".repeat(64 * 1024) + "\n";
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> sends = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      String job = "job-" + i;
      sends.add(
          pool.submit(
              () -> {
                note.send(
                    options(opts), result(job, JobStatus.SUCCESS, job + bigOutput), context());
                return null;
              }));
    }
    for (Future<?> send : sends) {
      send.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(80);
    Set<String> jobs = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode record = json.readTree(line);
      String job = record.get("job").asText();
      assertThat(record.get("output").asText()).isEqualTo(job + bigOutput);
      jobs.add(job);
    }
    assertThat(jobs).hasSize(80);
  }

  @Test
  void validationRequiresPath() {
    assertThat(note.validate(options(Map.of())))
        .containsExactly(new OptionProblem("path", "is required: the file to write results to"));
  }

  @Test
  void validationRejectsUnknownFormatAndNonBooleanAppend() {
    assertThat(note.validate(options(Map.of("path", "x", "format", "jsn", "append", "yes"))))
        .containsExactlyInAnyOrder(
            new OptionProblem(
                "format", "must be one of text, json, not 'jsn' — did you mean 'json'?"),
            new OptionProblem("append", "must be true or false, not 'yes'"));
  }

  @Test
  void validationNamesUnknownOptionsWithASuggestion() {
    assertThat(note.validate(options(Map.of("path", "x", "fromat", "json"))))
        .containsExactly(
            new OptionProblem(
                "fromat",
                "unknown option — did you mean 'format'? Options of this note: append, format, path"));
  }

  @Test
  void validationAcceptsEveryOption() {
    assertThat(note.validate(options(Map.of("path", "x", "format", "json", "append", false))))
        .isEmpty();
  }
}
