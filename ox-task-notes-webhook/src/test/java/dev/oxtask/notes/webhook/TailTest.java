package dev.oxtask.notes.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TailTest {

  @Test
  void outputThatFitsIsKeptWholeWithoutTrailingSpaceOrTerminalColours() {
    assertThat(Tail.of("\u001B[32mgreen\u001B[0m\nplain\n\n", 100, s -> s))
        .isEqualTo("green\nplain");
  }

  @Test
  void longOutputKeepsWholeLastLinesAndMarksTheCut() {
    assertThat(Tail.of("one\ntwo\nthree\nfour", 13, s -> s)).isEqualTo("…\nthree\nfour");
  }

  @Test
  void escapingCountsAgainstTheBudget() {
    assertThat(Tail.of("a\n<b>", 11, s -> s.replace("<", "&lt;").replace(">", "&gt;")))
        .isEqualTo("a\n&lt;b&gt;");
    assertThat(Tail.of("a\n<b>", 10, s -> s.replace("<", "&lt;").replace(">", "&gt;")))
        .isEqualTo("…\nb&gt;");
  }

  @Test
  void aSingleLineLongerThanTheBudgetKeepsItsEnd() {
    assertThat(Tail.of("x".repeat(100) + "END", 10, s -> s)).isEqualTo("…\nxxxxxEND");
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String tail = Tail.of("😀".repeat(10), 7, s -> s);
    assertThat(tail).isEqualTo("…\n😀😀");
  }
}
