package dev.oxtask.core.pyenv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.pyenv.EnvStore.EnvInfo;
import dev.oxtask.core.pyenv.EnvStore.Pruned;
import dev.oxtask.core.testing.PythonRequired;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing and pruning env folders, laid out on disk as VenvBuilder leaves them. */
class EnvStoreTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir Path work;

  @Test
  void listShowsEveryEnvFolderWithStateSizeAndLastUse() throws IOException {
    Path fresh = complete("fresh-aaaaaaaaaaaa", NOW.minus(Duration.ofDays(1)));
    Files.writeString(fresh.resolve("bin.txt"), "x".repeat(1000));
    Path half = incomplete("half-bbbbbbbbbbbb");
    Files.writeString(work.resolve("envs/fresh-aaaaaaaaaaaa.lock"), "");

    List<EnvInfo> envs = new EnvStore(work).list();

    assertThat(envs).hasSize(2);
    EnvInfo first = envs.get(0);
    assertThat(first.folder().dir()).isEqualTo(fresh);
    assertThat(first.folder().envName()).isEqualTo("fresh");
    assertThat(first.folder().hash()).isEqualTo("aaaaaaaaaaaa");
    assertThat(first.complete()).isTrue();
    assertThat(first.lastUsed()).isEqualTo(NOW.minus(Duration.ofDays(1)));
    assertThat(first.python()).contains("3.11.7 (main)");
    assertThat(first.sizeBytes()).isGreaterThan(1000);
    assertThat(envs.get(1).folder().dir()).isEqualTo(half);
    assertThat(envs.get(1).complete()).isFalse();
    assertThat(envs.get(1).python()).isEmpty();
  }

  @Test
  void listOfAWorkDirWithoutEnvsIsEmpty() throws IOException {
    assertThat(new EnvStore(work.resolve("never-used")).list()).isEmpty();
  }

  @Test
  void pruneRemovesIncompleteAndLongUnusedEnvsOnly() throws Exception {
    Path recent = complete("recent-aaaaaaaaaaaa", NOW.minus(Duration.ofDays(29)));
    Path old = complete("old-bbbbbbbbbbbb", NOW.minus(Duration.ofDays(45)));
    Path half = incomplete("half-cccccccccccc");

    List<Pruned> pruned = new EnvStore(work).prune(Duration.ofDays(30), NOW);

    assertThat(pruned)
        .extracting(p -> p.env().folder().dir(), Pruned::removed, Pruned::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(half, true, "incomplete"),
            org.assertj.core.groups.Tuple.tuple(old, true, "unused for 45 days"));
    assertThat(recent).exists();
    assertThat(old).doesNotExist();
    assertThat(half).doesNotExist();
  }

  @Test
  void pruneLeavesAnEnvThatAnotherProcessIsBuilding() throws Exception {
    PythonRequired.check();
    Path building = incomplete("building-dddddddddddd");
    Process holder = holdLock(work.resolve("envs/building-dddddddddddd.lock"));
    try {
      List<Pruned> pruned = new EnvStore(work).prune(Duration.ofDays(30), NOW);

      assertThat(pruned).hasSize(1);
      assertThat(pruned.get(0).removed()).isFalse();
      assertThat(pruned.get(0).reason()).isEqualTo("being built by another ox_task process");
      assertThat(building).exists();
    } finally {
      holder.destroyForcibly();
    }
  }

  private Path complete(String name, Instant lastUsed) throws IOException {
    Path dir = work.resolve("envs").resolve(name);
    Files.createDirectories(dir.resolve("bin"));
    Files.write(
        dir.resolve(EnvFolder.MARKER),
        List.of("env=" + name, "python=3.11.7 (main)"),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(EnvFolder.LAST_USED), lastUsed + "\n");
    Files.setLastModifiedTime(dir.resolve(EnvFolder.LAST_USED), FileTime.from(lastUsed));
    return dir;
  }

  private Path incomplete(String name) throws IOException {
    Path dir = work.resolve("envs").resolve(name);
    Files.createDirectories(dir.resolve("bin"));
    return dir;
  }

  private static Process holdLock(Path lockFile) throws IOException {
    Process holder =
        new ProcessBuilder(
                "python3",
                "-c",
                "import fcntl, sys\n"
                    + "f = open(sys.argv[1], 'a')\n"
                    + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
                    + "print('locked', flush=True)\n"
                    + "sys.stdin.read()\n",
                lockFile.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] line = holder.getInputStream().readNBytes("locked\n".length());
    assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo("locked\n");
    return holder;
  }

  @Test
  void lastUsedFallsBackToTheFolderWhenNothingElseIsThere() throws IOException {
    Path half = incomplete("half-eeeeeeeeeeee");
    Files.setLastModifiedTime(half, FileTime.from(NOW));

    assertThat(new EnvFolder(half).lastUsed()).isEqualTo(NOW);
    assertThat(new EnvFolder(half).markerValue("python")).isEqualTo(Optional.empty());
  }
}
