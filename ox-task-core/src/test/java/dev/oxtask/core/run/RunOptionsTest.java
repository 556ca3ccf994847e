package dev.oxtask.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

  @Test
  void runIdIsTheUtcSecondItWasMadeInAndFourHexDigits() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String id = RunOptions.newRunId();
    Instant after = Instant.now();

    assertThat(id).matches("\\d{8}T\\d{6}Z-[0-9a-f]{4}");
    Instant named =
        LocalDateTime.parse(
                id.substring(0, 16), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
            .toInstant(ZoneOffset.UTC);
    assertThat(named).isBetween(before, after);
  }

  @Test
  void runIdsEndInRandomHexDigits() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      ids.add(RunOptions.newRunId().substring(17));
    }
    assertThat(ids).hasSizeGreaterThan(1);
  }
}
