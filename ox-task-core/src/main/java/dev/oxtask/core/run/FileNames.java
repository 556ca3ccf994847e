package dev.oxtask.core.run;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Turns job names into file names that stay inside their folder and differ for each name. */
final class FileNames {

  private FileNames() {}

  /**
   * {@code name} itself when it is made of letters, digits and {@code . _ -} only (and is not all
   * dots); else every other character made {@code _} and a hash of the whole name appended, so
   * {@code deploy prod} and {@code deploy_prod} never share a file.
   */
  static String safe(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
      safe = "_" + safe;
    }
    if (safe.equals(name)) {
      return safe;
    }
    CRC32 crc = new CRC32();
    crc.update(name.getBytes(StandardCharsets.UTF_8));
    return safe + "-" + String.format("%08x", crc.getValue());
  }
}
