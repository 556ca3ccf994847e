package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.distribution.Launch.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive (docs/install.md): made on the first run in the user's cache,
 * used afterwards, and never a reason for a different output when it is missing, foreign or
 * corrupt.
 */
class ClassDataArchiveIT {

  @TempDir Path temp;
  Path scratch;
  Path cache;
  Path plan;
  Installation installation;

  @BeforeEach
  void unpack() throws IOException {
    scratch = Files.createDirectories(temp.resolve("scratch"));
    cache = temp.resolve("cache");
    installation = Installation.unpackInto(Files.createDirectories(temp.resolve("tools")));
    plan =
        Files.writeString(
            temp.resolve("plan.json"), "{\"jobs\": {\"hi\": {\"command\": [\"true\"]}}}");
  }

  private Outcome validate(String cds) throws Exception {
    return Launch.of(installation.launcher(), "validate", plan.toString())
        .env("XDG_CACHE_HOME", cache.toString())
        .env("OX_TASK_CDS", cds)
        .run(scratch);
  }

  private List<Path> archives() throws IOException {
    Path folder = cache.resolve("ox_task");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }

  @Test
  void theFirstRunLeavesOneArchiveAndEveryRunPrintsTheSame() throws Exception {
    Outcome without = validate("off");
    assertThat(archives()).isEmpty();

    Outcome first = validate("");
    List<Path> made = archives();
    Outcome second = validate("");

    assertThat(made).singleElement().matches(p -> p.getFileName().toString().endsWith(".jsa"));
    assertThat(archives()).isEqualTo(made);
    for (Outcome outcome : List.of(first, second)) {
      assertThat(outcome.stdout()).isEqualTo(without.stdout()).startsWith("ok: ");
      assertThat(outcome.stderr()).isEqualTo(without.stderr());
      assertThat(outcome.exitCode()).isZero();
    }
  }

  @Test
  void aCorruptArchiveIsIgnoredWithoutAWord() throws Exception {
    Outcome without = validate("off");
    validate("");
    Path archive = archives().get(0);
    Files.delete(archive);
    Files.writeString(archive, "not a class-data archive\n".repeat(1000));

    Outcome outcome = validate("");

    assertThat(outcome.stdout()).isEqualTo(without.stdout());
    assertThat(outcome.stderr()).isEqualTo(without.stderr());
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void anArchiveOfAnotherInstallationIsIgnoredWithoutAWord() throws Exception {
    Installation other =
        Installation.unpackInto(Files.createDirectories(temp.resolve("other tools")));
    Launch.of(other.launcher(), "validate", plan.toString())
        .env("XDG_CACHE_HOME", cache.toString())
        .run(scratch);
    Path foreign = archives().get(0);
    Outcome without = validate("off");
    validate("");
    Path ours = archives().stream().filter(p -> !p.equals(foreign)).findFirst().orElseThrow();
    Files.delete(ours);
    Files.copy(foreign, ours);

    Outcome outcome = validate("");

    assertThat(outcome.stdout()).isEqualTo(without.stdout());
    assertThat(outcome.stderr()).isEqualTo(without.stderr());
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void anUnwritableCacheMeansNoArchiveAndTheSameOutput() throws Exception {
    Files.writeString(cache, "a file where the cache folder would be");

    Outcome outcome = validate("");

    assertThat(outcome.stdout()).startsWith("ok: ");
    assertThat(outcome.stderr()).isEmpty();
    assertThat(outcome.exitCode()).isZero();
  }
}
