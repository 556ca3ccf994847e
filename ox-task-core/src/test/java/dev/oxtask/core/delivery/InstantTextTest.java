package dev.oxtask.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-03T01:02:03Z",
        "2026-12-03T01:02:03.100Z",
        "2026-12-03T01:02:03.123456Z",
        "2026-12-03T23:59:59.999999999Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.5Z",
        "2024-02-29T12:00:00Z"
      })
  void readsWhatInstantWritesAsJavaTimeDoes(String text) {
    assertThat(InstantText.parse(text)).contains(Instant.parse(text));
    assertThat(InstantText.parse(Instant.parse(text).toString())).contains(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "2026-12-03",
        "2026-12-03T01:02:03",
        "2026-12-03T01:02:03+01:00",
        "2026-12-03 01:02:03Z",
        "2026-12-03T01:02:03.Z",
        "2026-12-03T01:02:03.1234567890Z",
        "2026-12-03T01:02:03,5Z",
        "2026-02-30T01:02:03Z",
        "2026-13-03T01:02:03Z",
        "2026-12-03T24:00:00Z",
        "2026-12-03T01:60:03Z",
        "2026-12-03T01:02:6xZ",
        "+2026-12-03T01:02:03Z"
      })
  void anythingElseIsNoInstant(String text) {
    assertThat(InstantText.parse(text)).isEmpty();
  }
}
