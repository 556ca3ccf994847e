package dev.oxtask.notes.file;

import static dev.oxtask.notes.file.Results.context;
import static dev.oxtask.notes.file.Results.options;
import static dev.oxtask.notes.file.Results.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.OptionProblem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EchoNotifierTest {

  private final EchoNotifier note = new EchoNotifier();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private String echo(Map<String, Object> opts, String output) {
    note.send(
        options(opts),
        result("weather", JobStatus.SUCCESS, output),
        context(new PrintStream(console, true, StandardCharsets.UTF_8)));
    return console.toString(StandardCharsets.UTF_8);
  }

  @Test
  void declaresItsName() {
    assertThat(note.name()).isEqualTo("EchoNotifier");
  }

  @Test
  void printsTheHeadlineAndAShortOutputWhole() {
    assertThat(echo(Map.of(), "sunny\n")).isEqualTo("weather: success (exit 0) in 1.3s\nsunny\n");
  }

  @Test
  void printsOnlyTheHeadlineWhenThereIsNoOutput() {
    assertThat(echo(Map.of(), "")).isEqualTo("weather: success (exit 0) in 1.3s\n");
  }

  @Test
  void keepsSixLinesByDefault() {
    assertThat(echo(Map.of(), "1\n2\n3\n4\n5\n6\n7\n8\n"))
        .isEqualTo("weather: success (exit 0) in 1.3s\n1\n2\n3\n4\n5\n6\n[...]\n");
  }

  @Test
  void keeps450CharactersByDefault() {
    String printed = echo(Map.of(), "y".repeat(1000));
    assertThat(printed)
        .isEqualTo("weather: success (exit 0) in 1.3s\n" + "y".repeat(450) + "\n[...]\n");
  }

  @Test
  void maxLinesAndMaxLenAreOptions() {
    assertThat(echo(Map.of("max_lines", 2), "1\n2\n3\n"))
        .isEqualTo("weather: success (exit 0) in 1.3s\n1\n2\n[...]\n");
    console.reset();
    assertThat(echo(Map.of("max_len", 3), "abcdef\n"))
        .isEqualTo("weather: success (exit 0) in 1.3s\nabc\n[...]\n");
  }

  @Test
  void limitsMustBePositiveWholeNumbers() {
    assertThat(note.validate(options(Map.of("max_len", 0, "max_lines", "six"))))
        .containsExactlyInAnyOrder(
            new OptionProblem("max_len", "must be a whole number of at least 1, not 0"),
            new OptionProblem("max_lines", "must be a whole number of at least 1, not 'six'"));
  }
}
