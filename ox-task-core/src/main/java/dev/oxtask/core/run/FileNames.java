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
    // A loop, not replaceAll: this runs several times per job, and a regex is compiled each time.
    StringBuilder safe = new StringBuilder(name.length() + 1);
    boolean allDots = true;
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      i += Character.charCount(c);
      boolean kept =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      safe.append(kept ? (char) c : '_');
      allDots &= c == '.';
    }
    if (allDots) {
      safe.insert(0, '_');
    }
    if (safe.toString().equals(name)) {
      return name;
    }
    CRC32 crc = new CRC32();
    crc.update(name.getBytes(StandardCharsets.UTF_8));
    return safe + "-" + String.format("%08x", crc.getValue());
  }
}
