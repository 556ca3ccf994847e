package dev.oxtask.notes.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cutting a job's output to the end that fits, made safe for a Slack code block. */
class OutputTailTest {

  @Test
  void shortOutputIsKeptWholeWithoutTrailingNewlines() {
    OutputTail tail = OutputTail.of("one\ntwo\n\n", 100);

    assertThat(tail).isEqualTo(new OutputTail("one\ntwo", 2, 2));
    assertThat(tail.cut()).isFalse();
  }

  @Test
  void blankOutputGivesNothing() {
    assertThat(OutputTail.of(" \n\n", 100)).isEqualTo(new OutputTail("", 0, 0));
  }

  @Test
  void keepsTheLastWholeLinesThatFit() {
    OutputTail tail = OutputTail.of("alpha\nbravo\ncharlie\ndelta", 14);

    assertThat(tail).isEqualTo(new OutputTail("charlie\ndelta", 2, 4));
    assertThat(tail.cut()).isTrue();
  }

  @Test
  void budgetCountsEscapedCharacters() {
    // "a&b" becomes "a&amp;b": 7 characters, so with the newline only the last line fits in 10.
    OutputTail tail = OutputTail.of("a&b\nc<d", 10);

    assertThat(tail).isEqualTo(new OutputTail("c&lt;d", 1, 2));
  }

  @Test
  void lastLineLongerThanTheBudgetKeepsItsEnd() {
    OutputTail tail = OutputTail.of("first\n" + "x".repeat(50) + "END", 20);

    assertThat(tail.text()).isEqualTo("…" + "x".repeat(16) + "END");
    assertThat(tail.text()).hasSize(20);
    assertThat(tail.cut()).isTrue();
  }

  @Test
  void cuttingALongLineNeverSplitsAnEscapeOrASurrogatePair() {
    String line = "&😀".repeat(40);

    String text = OutputTail.of(line, 31).text();

    assertThat(text).hasSizeLessThanOrEqualTo(31).startsWith("…").endsWith("&amp;😀");
    assertThat(text.substring(1)).matches("(&amp;)?(😀&amp;)*😀");
  }

  @Test
  void backtickRunsAreBrokenSoTheyCannotCloseTheFence() {
    assertThat(OutputTail.safe("```java and ```` and `one`"))
        .isEqualTo("`\u200B`\u200B`java and `\u200B`\u200B`\u200B` and `one`");
  }

  @Test
  void mentionsAndLinksInOutputAreEscaped() {
    assertThat(OutputTail.safe("<!channel> & <https://x|y>"))
        .isEqualTo("&lt;!channel&gt; &amp; &lt;https://x|y&gt;");
  }

  @Test
  void terminalColoursAndControlCharactersAreDropped() {
    assertThat(OutputTail.safe("\u001B[1;31mred\u001B[0m\tdone\r\u0007")).isEqualTo("red\tdone");
  }
}
