package dev.oxtask.core.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** When a note is sent; every condition a note lists must hold. */
public enum Condition {
  ONLY_IF_OUTPUT_NON_EMPTY("only_if_output_non_empty"),
  ONLY_IF_FAILED("only_if_failed"),
  ONLY_IF_SUCCEEDED("only_if_succeeded"),
  ONLY_IF_STATUS_CHANGED("only_if_status_changed");

  private final String key;

  Condition(String key) {
    this.key = key;
  }

  /** The spelling used in plan files. */
  public String key() {
    return key;
  }

  /** The condition spelled {@code key} in a plan, if there is one. */
  public static Optional<Condition> fromKey(String key) {
    for (Condition condition : values()) {
      if (condition.key.equals(key)) {
        return Optional.of(condition);
      }
    }
    return Optional.empty();
  }

  /** Every spelling, for error messages and suggestions. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(Condition::key).toList();
  }
}
