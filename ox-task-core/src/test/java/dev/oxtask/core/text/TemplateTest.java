package dev.oxtask.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {

  private static final Map<String, String> VALUES = Map.of("HOME", "/home/ann", "X_1", "one");

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$HOME/bin        | /home/ann/bin",
        "${HOME}bin       | /home/annbin",
        "$X_1$X_1         | oneone",
        "$$HOME           | $HOME",
        "cost: $$5        | cost: $5",
        "$UNKNOWN stays   | $UNKNOWN stays",
        "${UNKNOWN} stays | ${UNKNOWN} stays",
        "a lone $ stays   | a lone $ stays",
        "$1 is no name    | $1 is no name",
        "${HOME           | ${HOME",
        "no dollar        | no dollar",
      })
  void substitutesLikePythonSafeSubstitute(String text, String expected) {
    assertThat(Template.substitute(text, VALUES)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({"$HOME", "${HOME}"})
  void replacementTextIsTakenLiterally(String text) {
    assertThat(Template.substitute(text, Map.of("HOME", "C:\\$dir\\$1"))).isEqualTo("C:\\$dir\\$1");
  }
}
