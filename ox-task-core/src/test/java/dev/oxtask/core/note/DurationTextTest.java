package dev.oxtask.core.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DurationTextTest {

  @Test
  void underAMinuteShowsSecondsWithOneDecimalDroppedWhenZero() {
    assertThat(DurationText.of(Duration.ZERO)).isEqualTo("0s");
    assertThat(DurationText.of(Duration.ofMillis(40))).isEqualTo("0s");
    assertThat(DurationText.of(Duration.ofMillis(300))).isEqualTo("0.3s");
    assertThat(DurationText.of(Duration.ofMillis(1234))).isEqualTo("1.2s");
    assertThat(DurationText.of(Duration.ofSeconds(2))).isEqualTo("2s");
    assertThat(DurationText.of(Duration.ofMillis(9_960))).isEqualTo("10s");
    assertThat(DurationText.of(Duration.ofMillis(12_345))).isEqualTo("12.3s");
  }

  @Test
  void secondsAreRoundedAsFormattingWithOneDecimalRoundsThem() {
    List<String> differing = new ArrayList<>();
    for (long millis = 0; millis < 59_950; millis++) {
      String formatted = String.format(Locale.ROOT, "%.1f", millis / 1000.0);
      String expected = (formatted.endsWith(".0") ? formatted.replace(".0", "") : formatted) + "s";
      String shown = DurationText.of(Duration.ofMillis(millis));
      if (!shown.equals(expected)) {
        differing.add(millis + " ms: " + shown + " instead of " + expected);
      }
    }
    assertThat(differing).isEmpty();
  }

  @Test
  void longerDurationsShowMinutesThenHours() {
    assertThat(DurationText.of(Duration.ofMillis(59_960))).isEqualTo("1m");
    assertThat(DurationText.of(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(DurationText.of(Duration.ofMillis(300_400))).isEqualTo("5m");
    assertThat(DurationText.of(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(DurationText.of(Duration.ofSeconds(3_930))).isEqualTo("1h05m");
    assertThat(DurationText.of(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(DurationText.of(Duration.ofMinutes(25 * 60 + 59))).isEqualTo("25h59m");
  }
}
