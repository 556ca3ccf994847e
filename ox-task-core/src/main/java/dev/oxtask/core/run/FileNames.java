package dev.oxtask.core.run;

/** Turns job names into file names that stay inside their folder. */
final class FileNames {

  private FileNames() {}

  /** {@code name} with every character other than letters, digits, {@code . _ -} made {@code _}. */
  static String safe(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "_" + safe : safe;
  }
}
