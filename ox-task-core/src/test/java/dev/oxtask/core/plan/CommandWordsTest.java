package dev.oxtask.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class CommandWordsTest {

  @Test
  void blanksSeparateWords() throws Exception {
    assertThat(CommandWords.split("  ls\t-l \n /tmp  ")).containsExactly("ls", "-l", "/tmp");
  }

  @Test
  void blankStringHasNoWords() throws Exception {
    assertThat(CommandWords.split(" \t ")).isEmpty();
  }

  @Test
  void singleQuotesKeepEverythingLiterally() throws Exception {
    assertThat(CommandWords.split("echo 'a  b' '$HOME \\n \"x\"'"))
        .containsExactly("echo", "a  b", "$HOME \\n \"x\"");
  }

  @Test
  void doubleQuotesGroupAndUnescapeOnlyShellSpecials() throws Exception {
    assertThat(CommandWords.split("printf \"%s\\n\" \"say \\\"hi\\\" \\$USER \\\\ \\`\""))
        .containsExactly("printf", "%s\\n", "say \"hi\" $USER \\ `");
  }

  @Test
  void quotedPartsJoinTheWordAroundThem() throws Exception {
    assertThat(CommandWords.split("--name='Ada Lovelace'x\"y z\""))
        .containsExactly("--name=Ada Lovelacexy z");
  }

  @Test
  void emptyQuotesMakeAnEmptyWord() throws Exception {
    assertThat(CommandWords.split("grep '' file \"\"")).containsExactly("grep", "", "file", "");
  }

  @Test
  void backslashKeepsTheNextCharacter() throws Exception {
    assertThat(CommandWords.split("echo a\\ b \\'c \\\\"))
        .containsExactly("echo", "a b", "'c", "\\");
  }

  @Test
  void backslashNewlineJoinsLinesWithoutMakingAWord() throws Exception {
    assertThat(CommandWords.split("echo a \\\n b")).containsExactly("echo", "a", "b");
    assertThat(CommandWords.split("echo \"a\\\nb\"")).containsExactly("echo", "ab");
  }

  @Test
  void nothingIsExpanded() throws Exception {
    assertThat(CommandWords.split("echo $HOME ~ *.txt a|b # c"))
        .containsExactly("echo", "$HOME", "~", "*.txt", "a|b", "#", "c");
  }

  @Test
  void unclosedSingleQuoteIsAnErrorNamingItsPosition() {
    CommandWords.SyntaxException e =
        catchThrowableOfType(
            CommandWords.SyntaxException.class, () -> CommandWords.split("echo 'hello world"));

    assertThat(e)
        .hasMessage(
            "the single quote (') at character 6 is never closed: close it, or write the command"
                + " as a list of words");
    assertThat(e.offset()).isEqualTo(5);
  }

  @Test
  void unclosedDoubleQuoteIsAnError() {
    CommandWords.SyntaxException e =
        catchThrowableOfType(
            CommandWords.SyntaxException.class, () -> CommandWords.split("say \"it's \\\""));

    assertThat(e)
        .hasMessage(
            "the double quote (\") at character 5 is never closed: close it, or write the command"
                + " as a list of words");
  }

  @Test
  void trailingBackslashIsAnError() {
    CommandWords.SyntaxException e =
        catchThrowableOfType(CommandWords.SyntaxException.class, () -> CommandWords.split("ls \\"));

    assertThat(e)
        .hasMessage(
            "the command ends with a lone backslash: remove it or write '\\\\' for a backslash");
    assertThat(e.offset()).isEqualTo(3);
  }
}
