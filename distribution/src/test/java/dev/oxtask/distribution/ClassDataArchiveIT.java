package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.distribution.Launch.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
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

  @Test
  void aChangedJarOfTheInstallationGetsAnArchiveOfItsOwn() throws Exception {
    validate("");
    List<Path> before = archives();
    Path jar = installation.home().resolve("lib/ox-task-core-" + Installation.version() + ".jar");
    // As after a rebuild or a copy over the installation: the JAR's time (or size) differs.
    FileTime time = Files.getLastModifiedTime(jar);
    Files.setLastModifiedTime(jar, FileTime.from(time.toInstant().minus(Duration.ofDays(3))));

    Outcome outcome = validate("");

    assertThat(outcome.stdout()).startsWith("ok: ");
    assertThat(outcome.exitCode()).isZero();
    assertThat(before).hasSize(1);
    assertThat(archives()).hasSize(2).containsAll(before);
  }

  @Test
  void aSecondRunOfAPlanWithAnEnvLoadsEveryOxTaskClassFromTheArchive() throws Exception {
    Path withEnv =
        Files.writeString(
            temp.resolve("env-plan.json"),
            "{\"envs\": {\"e\": {}}, \"jobs\": {\"hi\": {\"env\": \"e\", \"command\": [\"true\"]}}}");

    List<String> classes = classesLoadedBySecondRun(withEnv);

    // A class of ours outside the archive costs a search of the JARs; picocli's classes cannot be
    // archived at all (compiled for Java 5), so a plain run must not load them.
    assertThat(classes)
        .anyMatch(line -> line.contains(" dev.oxtask.core.run.Engine "))
        .filteredOn(line -> line.contains(" dev.oxtask.") || line.contains(" picocli."))
        .allMatch(line -> line.contains("source: shared objects file"));
  }

  /**
   * Linking a lambda or a method reference costs a run about 0.2 ms, even when the archive holds
   * its class (a class of the archive: about 0.01 ms), and a typical run passed a hundred of them:
   * the run path has none (docs/architecture.md, "Start-up rules"). Rare paths (errors, retries,
   * Python envs) may.
   */
  @Test
  void aTypicalRunWithANoteLinksNoLambdaOfOxTask() throws Exception {
    Path withNote =
        Files.writeString(
            temp.resolve("note-plan.json"),
            """
            {"envs": {"e": {"variables": {"GREETING": "hi"}}},
             "notes": {"n": {"class_name": "FileNotifier", "path": "%s"}},
             "jobs": {"one": {"env": "e", "command": ["sh", "-c", "echo $GREETING"], "note": "n"},
                      "two": {"command": ["true"], "note": "n"}}}
            """
                .formatted(temp.resolve("note.txt")));

    List<String> classes = classesLoadedBySecondRun(withNote);

    assertThat(temp.resolve("note.txt")).content().contains("=== two: success");
    assertThat(classes)
        .anyMatch(line -> line.contains(" dev.oxtask.notes.file."))
        .noneMatch(line -> line.contains(" dev.oxtask.") && line.contains("$$Lambda"))
        // Times are written by InstantText: java.time's formatter costs its first user 10 ms.
        .noneMatch(line -> line.contains(" java.time.format.DateTimeFormatter "));
  }

  /** The class-load log of the second of two runs of {@code plan}, the first made the archive. */
  private List<String> classesLoadedBySecondRun(Path plan) throws Exception {
    Path classes = temp.resolve("classes.txt");
    // The same options both times: they are part of the archive's key.
    Launch run =
        Launch.runLoggingClasses(installation.launcher(), temp.resolve("work"), plan, classes)
            .env("XDG_CACHE_HOME", cache.toString());
    assertThat(run.run(scratch).exitCode()).isZero();

    Outcome second = run.run(scratch);

    assertThat(second.exitCode()).as(second.toString()).isZero();
    return Files.readAllLines(classes);
  }
}
