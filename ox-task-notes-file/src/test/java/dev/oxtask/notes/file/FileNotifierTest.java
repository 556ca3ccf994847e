package dev.oxtask.notes.file;

import static dev.oxtask.notes.file.Results.context;
import static dev.oxtask.notes.file.Results.options;
import static dev.oxtask.notes.file.Results.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.OptionProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNotifierTest {

  private final FileNotifier note = new FileNotifier();
  @TempDir Path dir;

  @Test
  void declaresItsName() {
    assertThat(note.name()).isEqualTo("FileNotifier");
  }

  @Test
  void eachResultReplacesTheFile() throws Exception {
    Path file = dir.resolve("out/last.txt");
    note.send(
        options(Map.of("path", file.toString())),
        result("a", JobStatus.SUCCESS, "one\n"),
        context());
    note.send(
        options(Map.of("path", file.toString())),
        result("b", JobStatus.FAILED, "two\n"),
        context());
    String text = Files.readString(file);
    assertThat(text).startsWith("=== b: failed (exit 3) in 1.3s\n").contains("two\n");
    assertThat(text).doesNotContain("one");
  }

  @Test
  void acceptsOnlyPath() {
    assertThat(note.validate(options(Map.of("path", "x", "append", true))))
        .containsExactly(
            new OptionProblem("append", "unknown option — Options of this note: path"));
    assertThat(note.validate(options(Map.of())))
        .containsExactly(
            new OptionProblem("path", "is required: the file to write the latest result to"));
  }
}
