package dev.oxtask.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestNameTest {

  private static final List<String> JOB_KEYS =
      List.of("env", "note", "command", "timeout", "shell", "retries", "retry_delay");

  @Test
  void suggestsTheKeyOneTypoAway() {
    assertThat(ClosestName.of("timout", JOB_KEYS)).contains("timeout");
    assertThat(ClosestName.of("comand", JOB_KEYS)).contains("command");
  }

  @Test
  void countsSwappedLettersAsOneEdit() {
    assertThat(ClosestName.of("ntoe", JOB_KEYS)).contains("note");
  }

  @Test
  void suggestsNothingForAnUnrelatedName() {
    assertThat(ClosestName.of("schedule", JOB_KEYS)).isEmpty();
    assertThat(ClosestName.suggestion("schedule", JOB_KEYS)).isEmpty();
  }

  @Test
  void suggestionReadsAsAQuestion() {
    assertThat(ClosestName.suggestion("retires", JOB_KEYS)).isEqualTo(" — did you mean 'retries'?");
  }
}
