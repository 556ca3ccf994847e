package dev.oxtask.core.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks plugins run on their options. */
class NoteOptionsTest {

  @Test
  void allowOnlyAcceptsTheTimeoutEveryNoteHas() {
    NoteOptions options = new NoteOptions(Map.of("path", "/tmp/x", "timeout", 5));

    assertThat(options.check().allowOnly(Set.of("path")).problems()).isEmpty();
  }

  @Test
  void allowOnlyNamesAnUnknownOptionWithTheClosestKnownOne() {
    NoteOptions options = new NoteOptions(Map.of("pth", "/tmp/x"));

    assertThat(options.check().allowOnly(Set.of("path", "format")).problems())
        .containsExactly(
            new OptionProblem(
                "pth", "unknown option — did you mean 'path'? Options of this note: format, path"));
  }
}
