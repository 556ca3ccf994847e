package dev.oxtask.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where something is written in a plan file. Line and column start at 1; both are 0 when unknown (a
 * {@code .py} plan is located by file and key path only).
 *
 * @param file the plan file, as the user named it
 * @param line 1-based line, or 0
 * @param column 1-based column, or 0
 */
public record SourceLocation(Path file, int line, int column) {

  public SourceLocation {
    requireNonNull(file, "file");
  }

  /** A location that names only the file. */
  public static SourceLocation of(Path file) {
    return new SourceLocation(file, 0, 0);
  }

  /** {@code file:line:column}, or just {@code file} when the position is unknown. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column : file.toString();
  }
}
