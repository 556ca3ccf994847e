package dev.oxtask.core.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into words the way a POSIX shell does, without expanding anything: blanks
 * separate words, single quotes keep everything literally, double quotes keep everything but {@code
 * \"}, {@code \\}, {@code \$} and {@code \`}, and a backslash outside quotes keeps the next
 * character. {@code $VAR}, globs, {@code ~}, {@code #} and operators such as {@code |} are plain
 * text (substitution of {@code $VAR} happens later, per word).
 */
public final class CommandWords {

  private CommandWords() {}

  /** The command string could not be split: an unclosed quote or a trailing backslash. */
  public static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;

    SyntaxException(String message, int offset) {
      super(message);
      this.offset = offset;
    }

    /** 0-based position in the command string of the quote or backslash at fault. */
    public int offset() {
      return offset;
    }
  }

  /** The words of {@code command}; an empty list for a blank string. */
  public static List<String> split(String command) throws SyntaxException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < command.length()) {
      char c = command.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
        continue;
      }
      if (c == '\\' && command.startsWith("\n", i + 1)) {
        i += 2; // backslash-newline joins lines, as in sh, and makes no word of its own
        continue;
      }
      inWord = true;
      i =
          switch (c) {
            case '\'' -> singleQuoted(command, i, word);
            case '"' -> doubleQuoted(command, i, word);
            case '\\' -> escaped(command, i, word);
            default -> {
              word.append(c);
              yield i + 1;
            }
          };
    }
    if (inWord) {
      words.add(word.toString());
    }
    return List.copyOf(words);
  }

  private static int singleQuoted(String command, int open, StringBuilder word)
      throws SyntaxException {
    int close = command.indexOf('\'', open + 1);
    if (close < 0) {
      throw unclosed('\'', open);
    }
    word.append(command, open + 1, close);
    return close + 1;
  }

  private static int doubleQuoted(String command, int open, StringBuilder word)
      throws SyntaxException {
    int i = open + 1;
    while (i < command.length()) {
      char c = command.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < command.length() && "$`\"\\\n".indexOf(command.charAt(i + 1)) >= 0) {
        if (command.charAt(i + 1) != '\n') {
          word.append(command.charAt(i + 1));
        }
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    throw unclosed('"', open);
  }

  private static int escaped(String command, int backslash, StringBuilder word)
      throws SyntaxException {
    if (backslash + 1 >= command.length()) {
      throw new SyntaxException(
          "the command ends with a lone backslash: remove it or write '\\\\' for a backslash",
          backslash);
    }
    word.append(command.charAt(backslash + 1));
    return backslash + 2;
  }

  private static SyntaxException unclosed(char quote, int offset) {
    String name = quote == '\'' ? "single" : "double";
    return new SyntaxException(
        "the "
            + name
            + " quote ("
            + quote
            + ") at character "
            + (offset + 1)
            + " is never closed: close it, or write the command as a list of words",
        offset);
  }
}
