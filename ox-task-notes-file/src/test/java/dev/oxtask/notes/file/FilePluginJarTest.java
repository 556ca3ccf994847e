package dev.oxtask.notes.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.delivery.NoteDispatcher;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.SourceLocation;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskNote;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plugin.NoteClass;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.plugin.PluginsFolder;
import dev.oxtask.core.text.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This module's compiled classes, packed as a plugin JAR, loaded by pf4j and used by a plan. */
class FilePluginJarTest {

  @TempDir Path plugins;
  @TempDir Path out;

  private void writePluginJar() throws Exception {
    Path classes = Path.of("target", "classes");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Plugin-Id", "ox-task-notes-file");
    manifest.getMainAttributes().putValue("Plugin-Version", "0.0.0-test");
    try (OutputStream file = Files.newOutputStream(plugins.resolve("notes-file.jar"));
        JarOutputStream jar = new JarOutputStream(file, manifest);
        Stream<Path> entries = Files.walk(classes)) {
      for (Path entry : entries.filter(Files::isRegularFile).sorted().toList()) {
        jar.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
        Files.copy(entry, jar);
      }
    }
  }

  @Test
  void theBuiltIndexListsTheThreeNotes() throws Exception {
    writePluginJar();
    try (NoteRegistry registry = load()) {
      assertThat(registry.classes())
          .extracting(NoteClass::simpleName)
          .containsExactlyInAnyOrder("SimpleFileLog", "FileNotifier", "EchoNotifier");
      assertThat(registry.warnings()).isEmpty();
    }
  }

  @Test
  void aPlanDeliversThroughEachNoteOfThePluginJar() throws Exception {
    writePluginJar();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Path plan = Path.of("plan.json");
    List<TaskNote> notes =
        List.of(
            new TaskNote(
                "log",
                "SimpleFileLog",
                List.of(),
                List.of(),
                Map.of("path", "$OUT/${OX_TASK_JOB_NAME}.jsonl", "format", "json"),
                plan),
            new TaskNote(
                "last",
                "FileNotifier",
                List.of(),
                List.of(),
                Map.of("path", "$OUT/last.txt"),
                plan),
            new TaskNote(
                "echo", "EchoNotifier", List.of(), List.of(), Map.of("max_lines", 1), plan));
    List<TaskJob> jobs = List.of(job("weather", "log"), job("backup", "last"), job("ping", "echo"));
    TaskPlan taskPlan = plan(notes, jobs);
    try (NoteRegistry registry = load()) {
      NoteDispatcher dispatcher =
          new NoteDispatcher(
              registry,
              new SecretMasker(),
              Optional.empty(),
              new PrintStream(console, true, StandardCharsets.UTF_8),
              NoteDispatcher.DEFAULT_SEND_TIMEOUT);
      assertThat(dispatcher.prepare(taskPlan, jobs)).isEmpty();
      for (TaskJob job : jobs) {
        Map<String, String> env = Map.of("OUT", out.toString(), "OX_TASK_JOB_NAME", job.name());
        assertThat(
                dispatcher.deliver(
                    job, Results.result(job.name(), JobStatus.SUCCESS, "a\nb\n"), env))
            .isEmpty();
      }
    }
    assertThat(Files.readString(out.resolve("weather.jsonl"))).startsWith("{\"job\":\"weather\"");
    assertThat(Files.readString(out.resolve("last.txt"))).startsWith("=== backup: success");
    assertThat(console.toString(StandardCharsets.UTF_8))
        .isEqualTo("ping: success (exit 0) in 1.3s\na\n[...]\n");
  }

  @Test
  void badOptionsAreLocatedPlanErrors() throws Exception {
    writePluginJar();
    TaskNote note =
        new TaskNote(
            "log",
            "SimpleFileLog",
            List.of(),
            List.of(),
            Map.of("format", "xml"),
            Path.of("plan.json"));
    List<TaskJob> jobs = List.of(job("weather", "log"));
    try (NoteRegistry registry = load()) {
      NoteDispatcher dispatcher =
          new NoteDispatcher(
              registry,
              new SecretMasker(),
              Optional.empty(),
              System.out,
              NoteDispatcher.DEFAULT_SEND_TIMEOUT);
      assertThat(dispatcher.prepare(plan(List.of(note), jobs), jobs))
          .extracting(Diagnostic::toString)
          .containsExactlyInAnyOrder(
              "plan.json:4:5: notes.log.path: is required: the file to write results to",
              "plan.json:4:5: notes.log.format: must be one of text, json, not 'xml'");
    }
  }

  private NoteRegistry load() {
    return NoteRegistry.load(
        PluginsFolder.resolve(Optional.of(plugins), Map.of(), Optional.empty()));
  }

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
        Path.of("plan.json"));
  }

  private static TaskPlan plan(List<TaskNote> notes, List<TaskJob> jobs) {
    Path file = Path.of("plan.json");
    Map<String, TaskNote> byName = new LinkedHashMap<>();
    notes.forEach(n -> byName.put(n.name(), n));
    Map<String, TaskJob> jobsByName = new LinkedHashMap<>();
    jobs.forEach(j -> jobsByName.put(j.name(), j));
    Map<String, SourceLocation> locations = new HashMap<>();
    notes.forEach(n -> locations.put("notes." + n.name(), new SourceLocation(file, 4, 5)));
    return new TaskPlan(List.of(file), List.of(), Map.of(), byName, jobsByName, locations);
  }
}
