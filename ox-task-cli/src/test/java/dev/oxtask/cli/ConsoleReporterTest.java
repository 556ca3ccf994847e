package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

  @Test
  void secondsReadAsFormattingWithOneDecimalReadsThem() {
    List<String> differing = new ArrayList<>();
    for (long millis = 0; millis < 200_000; millis++) {
      String expected = String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
      String shown = ConsoleReporter.seconds(Duration.ofMillis(millis));
      if (!shown.equals(expected)) {
        differing.add(millis + " ms: " + shown + " instead of " + expected);
      }
    }
    assertThat(differing).isEmpty();
    assertThat(ConsoleReporter.seconds(Duration.ofHours(2))).isEqualTo("7200.0s");
  }
}
