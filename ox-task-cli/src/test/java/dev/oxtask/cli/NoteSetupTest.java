package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.delivery.StatusHistory;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.SourceLocation;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskNote;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.plugin.PluginsFolder;
import dev.oxtask.core.text.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoteSetupTest {

  @TempDir Path plugins;
  @TempDir Path workDir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static final Path FILE = Path.of("tasks.json");

  private static TaskJob job(String name, String note) {
    return new TaskJob(
        name,
        List.of(),
        Optional.empty(),
        Optional.of(note),
        List.of("true"),
        false,
        TaskJob.DEFAULT_TIMEOUT,
        0,
        TaskJob.DEFAULT_RETRY_DELAY,
        FILE);
  }

  private static TaskPlan plan(List<TaskNote> notes, TaskJob job) {
    Map<String, TaskNote> byName = new LinkedHashMap<>();
    notes.forEach(n -> byName.put(n.name(), n));
    return new TaskPlan(
        List.of(FILE),
        List.of(),
        Map.of(),
        byName,
        Map.of(job.name(), job),
        Map.of("notes.tg.class_name", new SourceLocation(FILE, 9, 20)));
  }

  private PluginsFolder folder() {
    return PluginsFolder.resolve(Optional.of(plugins), Map.of(), Optional.empty());
  }

  @Test
  void checksUsedNotesWarnsAboutUnusedUnknownOnesAndDelivers() throws Exception {
    TestPluginJar.write(plugins, "sample-note", "sample.jar", SampleNote.class);
    TaskNote sample = new TaskNote("s", "Sample", List.of(), List.of(), Map.of(), FILE);
    TaskNote telegram =
        new TaskNote("tg", "TelegramNotifier", List.of(), List.of(), Map.of(), FILE);
    TaskJob job = job("weather", "s");
    TaskPlan plan = plan(List.of(sample, telegram), job);
    PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
    try (NoteSetup notes =
        NoteSetup.open(
            NoteRegistry.open(folder()),
            new SecretMasker(),
            Optional.of(StatusHistory.load(workDir)),
            console,
            new PrintStream(err, true, StandardCharsets.UTF_8))) {
      List<Diagnostic> problems = notes.check(plan, List.of(job), Map.of());
      assertThat(problems).isEmpty();
      assertThat(notes.dispatcher().deliver(job, result(), Map.of())).isEmpty();
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "warning: tasks.json:9:20: notes.tg.class_name: unknown note class 'TelegramNotifier';"
                + " note classes found in "
                + plugins
                + " (--plugins-dir): Sample, SampleNote; no selected job uses this note\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("sample: weather\n");
    assertThat(Files.readString(workDir.resolve("state.json")))
        .contains("\"weather\" : \"success\"");
  }

  private static JobResult result() {
    return JobResult.builder("weather", JobStatus.SUCCESS)
        .exitCode(0)
        .command(List.of("true"))
        .startedAt(Instant.EPOCH)
        .attempts(1)
        .build();
  }
}
