package dev.oxtask.core.note;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a note's options.
 *
 * @param key the option at fault, e.g. {@code path}
 * @param message what is wrong and how to fix it, e.g. {@code is required: the file to write}
 */
public record OptionProblem(String key, String message) {

  public OptionProblem {
    requireNonNull(key, "key");
    requireNonNull(message, "message");
  }
}
