package dev.oxtask.core.plan;

import java.util.List;
import java.util.Optional;

/** Reads a job's {@code command}: a list of words, or one string split like a shell would. */
final class JobCommand {

  private final Fields fields;

  JobCommand(Fields fields) {
    this.fields = fields;
  }

  /** The command's key path, for a problem: not built for a command that has none. */
  private String path() {
    return fields.pathOf("command");
  }

  /** The words to run; empty when the command is missing or has a problem (reported). */
  List<String> read(boolean shell) {
    Optional<Node> value = fields.node("command");
    if (value.isEmpty()) {
      fields.missing(
          "command",
          "expected the program and its arguments, e.g. \"command\": [\"echo\", \"hi\"]");
      return List.of();
    }
    Node node = value.get();
    if (node instanceof Node.Scalar s && s.value() instanceof String text) {
      return fromString(node, text, shell);
    }
    if (!(node instanceof Node.Arr arr)) {
      fields.problem(
          node.at(), path(), "expected a list of strings or one string, not " + node.describe());
      return List.of();
    }
    if (arr.items().isEmpty()) {
      fields.problem(
          node.at(),
          path(),
          "expected at least the program to run, e.g. [\"echo\", \"hi\"], not an empty list");
      return List.of();
    }
    List<String> words = fields.strings("command");
    if (words.size() != arr.items().size()) {
      return List.of();
    }
    if (!shell && words.get(0).isBlank()) {
      fields.problem(
          arr.items().get(0).at(),
          path() + "[0]",
          "expected the program to run, not an empty string");
      return List.of();
    }
    return words;
  }

  private List<String> fromString(Node node, String text, boolean shell) {
    if (text.isBlank()) {
      fields.problem(
          node.at(), path(), "expected the command to run, e.g. \"echo hi\", not an empty string");
      return List.of();
    }
    if (shell) {
      return List.of(text);
    }
    try {
      List<String> words = CommandWords.split(text);
      if (words.isEmpty() || words.get(0).isEmpty()) {
        fields.problem(node.at(), path(), "expected the program to run first, not an empty word");
        return List.of();
      }
      return words;
    } catch (CommandWords.SyntaxException e) {
      fields.problem(node.at(), path(), e.getMessage());
      return List.of();
    }
  }
}
