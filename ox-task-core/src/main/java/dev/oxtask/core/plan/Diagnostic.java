package dev.oxtask.core.plan;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * One problem with a plan, located for the user: {@code tasks.json:12:18: jobs.weather.timeout:
 * expected a number of seconds, not "soon"}.
 *
 * @param location the file, line and column
 * @param keyPath the dotted path of the key at fault, e.g. {@code jobs.weather.timeout}; empty for
 *     the file as a whole
 * @param message what is wrong and what was expected
 */
public record Diagnostic(SourceLocation location, String keyPath, String message) {

  /** Top to bottom within a file: by line, then by column. */
  public static final Comparator<Diagnostic> IN_WRITTEN_ORDER = new WrittenOrder();

  public Diagnostic {
    requireNonNull(location, "location");
    requireNonNull(keyPath, "keyPath");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return keyPath.isEmpty()
        ? location + ": " + message
        : location + ": " + keyPath + ": " + message;
  }

  private static final class WrittenOrder implements Comparator<Diagnostic> {
    @Override
    public int compare(Diagnostic a, Diagnostic b) {
      return a.location().line() != b.location().line()
          ? Integer.compare(a.location().line(), b.location().line())
          : Integer.compare(a.location().column(), b.location().column());
    }
  }
}
