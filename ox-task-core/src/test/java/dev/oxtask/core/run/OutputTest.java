package dev.oxtask.core.run;

import static dev.oxtask.core.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.text.SecretMasker;
import dev.oxtask.core.text.SecretMatcher;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output capture: bounded memory, complete log files, secrets masked in both. */
class OutputTest {

  @TempDir Path work;

  private final SecretMasker masker = new SecretMasker();

  private JobResult runOne(TaskPlan plan, OutputLimit limit) throws InterruptedException {
    RunOptions options =
        RunOptions.builder(work, work, env -> work)
            .runId("r")
            .environment(Map.of("PATH", System.getenv("PATH")))
            .outputLimit(limit)
            .build();
    return new Engine(options, masker)
        .run(plan, List.copyOf(plan.jobs().values()), RunListener.NONE)
        .outcomes()
        .get(0)
        .result();
  }

  @Test
  void longOutputKeepsHeadAndTailInMemoryAndAllOfItInTheLogFile() throws Exception {
    TaskPlan plan = plan().job("count", "seq", "1", "10000").build();

    JobResult result = runOne(plan, new OutputLimit(8, 8));

    Path log = work.resolve("runs/r/count.stdout");
    assertThat(result.outputTruncated()).isTrue();
    assertThat(result.stderrTruncated()).isFalse();
    assertThat(result.output())
        .isEqualTo(
            "1\n2\n3\n4\n\n[... ox_task: 48878 bytes left out here; the whole output is in "
                + log
                + " ...]\n9\n10000\n");
    assertThat(Files.size(log)).isEqualTo(48894);
  }

  @Test
  void secretsAreMaskedInOutputLogFilesCommandAndErrors() throws Exception {
    TaskPlan plan =
        plan()
            .env("e", Optional.empty(), List.of("TOKEN"), "TOKEN", "hunter2-secret")
            .add(
                Plans.inEnv(
                    Plans.job(
                        "leak",
                        Duration.ofSeconds(30),
                        "sh",
                        "-c",
                        "echo token=$TOKEN; echo $TOKEN >&2; exit 1",
                        "$TOKEN"),
                    "e"))
            .build();

    JobResult result = runOne(plan, OutputLimit.DEFAULT);

    assertThat(result.status()).isEqualTo(JobStatus.FAILED);
    assertThat(result.output()).isEqualTo("token=***\n");
    assertThat(result.stderr()).isEqualTo("***\n");
    // The engine substitutes $TOKEN into the command itself, so the command shows the mask too.
    assertThat(result.command())
        .containsExactly("sh", "-c", "echo token=***; echo *** >&2; exit 1", "***");
    assertThat(work.resolve("runs/r/leak.stdout")).hasContent("token=***");
    assertThat(work.resolve("runs/r/leak.stderr")).hasContent("***");
  }

  @Test
  void secretSplitAcrossWritesIsStillMasked() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (SecretFilter filter = new SecretFilter(sink, List.of("abcdef", "abc"))) {
      for (byte b : "x abcdef y abc z ab".getBytes(StandardCharsets.UTF_8)) {
        filter.write(new byte[] {b}, 0, 1);
      }
    }

    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("x *** y *** z ab");
  }

  @Test
  void everySplitOfTheStreamMasksLikeTheWholeText() throws Exception {
    List<String> secrets = List.of("abcdef", "cdefgh", "abc", "hunter2");
    String text = "..abcdefgh..abcdef.abc.hunter hunter2 abcdefab";
    String whole = SecretMatcher.of(secrets).mask(text);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut <= bytes.length; cut++) {
      for (int cut2 = cut; cut2 <= bytes.length; cut2++) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (SecretFilter filter = new SecretFilter(sink, secrets)) {
          filter.write(bytes, 0, cut);
          filter.write(bytes, cut, cut2 - cut);
          filter.write(bytes, cut2, bytes.length - cut2);
        }
        assertThat(sink.toString(StandardCharsets.UTF_8))
            .as("cut at %d, %d", cut, cut2)
            .isEqualTo(whole);
      }
    }
    assertThat(whole).isEqualTo("..***..***.***.hunter *** ***ab");
  }

  @Test
  void headTailKeepsEverythingWhileItFits() {
    HeadTail kept = new HeadTail(4, 4);
    kept.write("12345678".getBytes(StandardCharsets.UTF_8), 0, 8);

    assertThat(kept.truncated()).isFalse();
    assertThat(kept.text("f")).isEqualTo("12345678");

    kept.write("9".getBytes(StandardCharsets.UTF_8), 0, 1);

    assertThat(kept.truncated()).isTrue();
    assertThat(kept.text("f"))
        .isEqualTo(
            "1234\n[... ox_task: 1 bytes left out here; the whole output is in f ...]\n6789");
  }

  @Test
  void fullDiskKeepsDrainingAndTheJobKeepsItsOwnStatusWithAWarningNamingTheFile() throws Exception {
    Path full = Path.of("/dev/full");
    ProcessRun.Capture capture =
        new ProcessRun.Capture(
            new OutputLimit(8, 8),
            Optional.of(full),
            Optional.of(work.resolve("job.stderr")),
            false,
            "",
            List.of());

    ProcessRun.Outcome outcome =
        new ProcessRun(Duration.ofMillis(500), new Cancellation())
            .run(
                List.of("sh", "-c", "seq 1 200000; echo done >&2; exit 3"),
                work,
                Map.of("PATH", System.getenv("PATH")),
                Duration.ofSeconds(60),
                capture);

    assertThat(outcome.end()).isEqualTo(ProcessRun.End.EXITED);
    assertThat(outcome.exitCode()).hasValue(3);
    assertThat(outcome.stdout()).startsWith("1\n2\n3\n4\n").endsWith("\n200000\n");
    assertThat(outcome.stderr()).isEqualTo("done\n");
    assertThat(outcome.notes())
        .containsExactly(
            "ox_task could not save all of the output to /dev/full (No space left on device); that log"
                + " file is incomplete");
    assertThat(work.resolve("job.stderr")).hasContent("done");
  }

  @Test
  void logFilesAreReadableByTheOwnerOnly() throws Exception {
    runOne(plan().job("quiet", "true").build(), OutputLimit.DEFAULT);

    for (String log : List.of("runs/r/quiet.stdout", "runs/r/quiet.stderr")) {
      assertThat(Files.getPosixFilePermissions(work.resolve(log)))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void unwritableLogFolderIsAnErrorNamingIt() throws Exception {
    Files.writeString(work.resolve("runs"), "a file where the runs folder should be");

    JobResult result = runOne(plan().job("echo", "echo", "hi").build(), OutputLimit.DEFAULT);

    assertThat(result.status()).isEqualTo(JobStatus.ERROR);
    assertThat(result.error().orElseThrow())
        .startsWith("could not start echo: cannot write its output log: ")
        .contains(work.resolve("runs").toString());
  }
}
