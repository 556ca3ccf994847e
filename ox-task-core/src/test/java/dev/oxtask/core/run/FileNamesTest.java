package dev.oxtask.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

  /** The rule as a regex, as it was first written: a job's folder must keep its name. */
  private static String byRegex(String name) {
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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "build",
        "job-01_v1.2",
        "deploy prod",
        "deploy_prod",
        "",
        ".",
        "..",
        "...",
        "../escape",
        "a/b",
        "über",
        "rocket \uD83D\uDE80 launch",
        "tab\there",
        "_"
      })
  void namesMapToTheSameFileNamesAsTheRegexRule(String name) {
    assertThat(FileNames.safe(name)).isEqualTo(byRegex(name));
  }
}
