package dev.oxtask.notes.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResultMailTest {

  @Test
  void defaultSubjectNamesStatusAndJob() {
    ResultMail mail = new ResultMail(Results.failed(), Results.context());
    SmtpSettings settings =
        SmtpSettings.from(Results.options("host", "h", "from", "a@e.org", "to", "b@e.org"));

    assertThat(mail.subject(settings)).isEqualTo("[ox_task] failed: weather");
  }

  @Test
  void longOutputIsCutToItsLastLines() {
    String output =
        IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));

    ResultMail.Section tail = ResultMail.tail("Output", output + "\n");

    assertThat(tail.title()).isEqualTo("Output (last 60 of 100 lines)");
    assertThat(tail.body()).startsWith("line 41\n").endsWith("\nline 100");
  }

  @Test
  void outputTailStaysWithinTheCharacterBudget() {
    String longLine = "x".repeat(1000);
    String output =
        IntStream.range(0, 20).mapToObj(i -> longLine).collect(Collectors.joining("\n"));

    ResultMail.Section tail = ResultMail.tail("Output", output);

    assertThat(tail.title()).isEqualTo("Output (last 7 of 20 lines)");
    assertThat(tail.body().length()).isLessThanOrEqualTo(ResultMail.TAIL_CHARS);
  }

  @Test
  void oneHugeLineKeepsItsEnd() {
    String output = "a".repeat(10_000) + "THE END";

    ResultMail.Section tail = ResultMail.tail("Output", output);

    assertThat(tail.body()).hasSize(ResultMail.TAIL_CHARS).endsWith("THE END");
  }

  @Test
  void emptyOutputSaysNone() {
    assertThat(ResultMail.tail("Output", "").body()).isEqualTo("(none)");
  }

  @Test
  void commandWordsWithSpacesOrQuotesAreQuoted() {
    assertThat(ResultMail.command(List.of("sh", "-c", "echo 'hi' $HOME", "")))
        .isEqualTo("sh -c 'echo '\\''hi'\\'' $HOME' ''");
  }

  @Test
  void htmlEscapesEverySpecialCharacter() {
    assertThat(ResultMail.escape("<a href=\"x\">'&'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  }
}
