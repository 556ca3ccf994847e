package dev.oxtask.core.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads JSON text into a {@link Node} tree that remembers where every key and value is written.
 * Jackson's streaming parser is used instead of its tree model because the tree model forgets
 * locations and silently keeps the last of two duplicate keys.
 */
final class JsonTreeReader {

  // Key names are not canonicalized (nor interned): a plan's job names are all different, and
  // jackson's symbol table and String.intern took a third of reading a 1000-job plan.
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

  private final Path file;
  private final boolean located;
  private final List<Diagnostic> problems;
  private JsonParser parser;

  /**
   * The keys (strings) and array indexes (integers) from the root to the value being read: its key
   * path, spelt out ({@link #keyPath}) only for a problem to report.
   */
  private final List<Object> trail = new ArrayList<>();

  /**
   * @param file the file named in locations, as the user named it
   * @param located false when the text is not what the user wrote (a {@code .py} plan's JSON), so
   *     locations name only the file
   * @param problems where duplicate keys and syntax errors are reported
   */
  JsonTreeReader(Path file, boolean located, List<Diagnostic> problems) {
    this.file = file;
    this.located = located;
    this.problems = problems;
  }

  /** The tree of {@code text}, or empty when the text is not JSON (one problem reported). */
  Optional<Node> read(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      parser = p;
      return readRoot();
    } catch (IOException e) {
      throw new IllegalStateException("reading JSON from a string cannot fail with I/O", e);
    }
  }

  private Optional<Node> readRoot() throws IOException {
    try {
      if (parser.nextToken() == null) {
        problems.add(
            new Diagnostic(
                SourceLocation.of(file), "", "the file is empty: expected a JSON object"));
        return Optional.empty();
      }
      Node root = value();
      if (parser.nextToken() != null) {
        problems.add(
            new Diagnostic(
                here(), "", "unexpected text after the end of the JSON value that starts at 1:1"));
        return Optional.empty();
      }
      return Optional.of(root);
    } catch (JsonProcessingException e) {
      // Limits such as the nesting depth are reported without a location: take the parser's.
      JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
      SourceLocation at =
          where == null || !located
              ? SourceLocation.of(file)
              : new SourceLocation(file, where.getLineNr(), where.getColumnNr());
      problems.add(new Diagnostic(at, "", JsonErrorMessage.rewrite(e)));
      return Optional.empty();
    }
  }

  private Node value() throws IOException {
    SourceLocation at = here();
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return object(at);
      case START_ARRAY:
        return array(at);
      case VALUE_STRING:
        return new Node.Scalar(at, parser.getText());
      case VALUE_NUMBER_INT:
        return new Node.Scalar(
            at,
            parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                ? parser.getBigIntegerValue()
                : (Object) parser.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return new Node.Scalar(at, parser.getDecimalValue());
      case VALUE_TRUE:
        return new Node.Scalar(at, Boolean.TRUE);
      case VALUE_FALSE:
        return new Node.Scalar(at, Boolean.FALSE);
      case VALUE_NULL:
        return new Node.Scalar(at, null);
      default:
        throw new IllegalStateException("unexpected JSON token " + token + " at " + at);
    }
  }

  private Node object(SourceLocation at) throws IOException {
    Map<String, Node.Member> members = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      SourceLocation keyAt = here();
      parser.nextToken();
      trail.add(key);
      Node value = value();
      Node.Member first = members.get(key);
      if (first == null) {
        members.put(key, new Node.Member(key, keyAt, value));
      } else {
        problems.add(
            new Diagnostic(
                keyAt,
                keyPath(),
                "key '"
                    + key
                    + "' appears twice in this object"
                    + (located ? " (first at line " + first.keyAt().line() + ")" : "")
                    + "; keep one of them"));
      }
      trail.remove(trail.size() - 1);
    }
    return new Node.Obj(at, members);
  }

  private Node array(SourceLocation at) throws IOException {
    List<Node> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      trail.add(items.size());
      items.add(value());
      trail.remove(trail.size() - 1);
    }
    return new Node.Arr(at, items);
  }

  /** The key path of the value being read, e.g. {@code jobs.backup.command[2]}. */
  private String keyPath() {
    StringBuilder path = new StringBuilder();
    for (Object step : trail) {
      if (step instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        path.append(path.length() == 0 ? "" : ".").append(step);
      }
    }
    return path.toString();
  }

  private SourceLocation here() {
    if (!located) {
      return SourceLocation.of(file);
    }
    JsonLocation where = parser.currentTokenLocation();
    return new SourceLocation(file, where.getLineNr(), where.getColumnNr());
  }
}
