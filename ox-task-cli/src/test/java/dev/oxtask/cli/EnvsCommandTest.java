package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.testing.OtherUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ox_task envs} on env folders laid out as a run leaves them. */
class EnvsCommandTest {

  @TempDir Path work;

  @Test
  void listsEachEnvWithHashSizeStateAndLastUse() throws IOException {
    Instant used = Instant.now().minus(Duration.ofDays(3));
    env("weather-0123456789ab", true, used, 2048);
    env("half-ba9876543210", false, used, 0);

    CliRun run = CliRun.of("envs", "--work-dir", work.toString());

    assertThat(run.exitCode()).isZero();
    Instant halfMade =
        Files.getLastModifiedTime(work.resolve("envs/half-ba9876543210")).toInstant();
    assertThat(run.out().lines())
        .containsExactly(
            "ENV      HASH               SIZE  STATE       LAST USED",
            "half     ba9876543210        0 B  incomplete  " + utc(halfMade) + " (today)",
            "weather  0123456789ab     2.0 KB  complete    " + utc(used) + " (3 days ago)",
            "2 envs in " + work.resolve("envs"));
  }

  @Test
  void envsFolderOwnedByAnotherUserIsRefusedAndNothingIsPruned() throws Exception {
    env("half-0123456789ab", false, Instant.now(), 0);
    // Writable by all, so the test can clean up after giving it away (mode is checked after owner).
    Files.setPosixFilePermissions(
        work.resolve("envs"), PosixFilePermissions.fromString("rwxrwxrwx"));
    OtherUser.owns(work.resolve("envs"));

    CliRun run = CliRun.of("envs", "--work-dir", work.toString(), "--prune");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("ox_task: unsafe work dir: " + work.resolve("envs") + " is owned by uid 12345");
    assertThat(work.resolve("envs/half-0123456789ab")).isDirectory();
  }

  private static String utc(Instant instant) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
        .withZone(ZoneOffset.UTC)
        .format(instant);
  }

  @Test
  void pruneRemovesIncompleteAndLongUnusedEnvs() throws IOException {
    env("fresh-0123456789ab", true, Instant.now().minus(Duration.ofDays(1)), 10);
    env("stale-0123456789ab", true, Instant.now().minus(Duration.ofDays(12)), 10);
    env("half-0123456789ab", false, Instant.now(), 0);

    CliRun run = CliRun.of("envs", "--work-dir", work.toString(), "--prune", "--older-than", "7");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith(
            "removed half-0123456789ab (incomplete, 0 B)\n"
                + "removed stale-0123456789ab (unused for 12 days, 10 B)\n"
                + "pruned 2 of the envs in "
                + work.resolve("envs")
                + "\nENV ");
    assertThat(work.resolve("envs/fresh-0123456789ab")).exists();
    assertThat(work.resolve("envs/stale-0123456789ab")).doesNotExist();
    assertThat(work.resolve("envs/half-0123456789ab")).doesNotExist();
  }

  @Test
  void emptyWorkDirSaysSo() {
    CliRun run = CliRun.of("envs", "--work-dir", work.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("no envs in " + work.resolve("envs") + "\n");
  }

  @Test
  void negativeAgeIsAUsageError() {
    CliRun run = CliRun.of("envs", "--work-dir", work.toString(), "--prune", "--older-than", "-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ox_task: --older-than must be 0 or more days, was -1 (see 'ox_task envs --help')\n");
  }

  private void env(String folder, boolean complete, Instant lastUsed, int bytes)
      throws IOException {
    Path dir = Files.createDirectories(work.resolve("envs").resolve(folder));
    if (complete) {
      // The marker and last-used files VenvBuilder writes count towards the size, as on disk.
      Files.writeString(dir.resolve("ox_task-complete"), "x".repeat(bytes / 2));
      Path last = Files.writeString(dir.resolve("last-used"), "y".repeat(bytes - bytes / 2));
      Files.setLastModifiedTime(last, FileTime.from(lastUsed));
    }
  }
}
