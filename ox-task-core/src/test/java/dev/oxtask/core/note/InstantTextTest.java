package dev.oxtask.core.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
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

  @Test
  void writesWhatInstantWrites() {
    Random random = new Random(12);
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("2026-12-03T01:02:03Z"),
                Instant.parse("2026-12-03T01:02:03.100Z"),
                Instant.parse("2026-12-03T01:02:03.000100Z"),
                Instant.parse("2026-12-03T01:02:03.000000100Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.now()));
    for (int i = 0; i < 1000; i++) {
      long seconds = random.nextLong() % 300_000_000_000L;
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          };
      instants.add(Instant.ofEpochSecond(seconds, nanos));
    }
    for (Instant instant : instants) {
      assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
    }
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
