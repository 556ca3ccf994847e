package dev.oxtask.core.note;

import static dev.oxtask.core.testing.Plans.job;
import static dev.oxtask.core.testing.Plans.note;
import static dev.oxtask.core.testing.Plans.plan;
import static dev.oxtask.core.testing.Plans.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.delivery.NoteDispatcher;
import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plugin.CoreVersion;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.plugin.PluginsFolder;
import dev.oxtask.core.testing.ClasspathNote;
import dev.oxtask.core.testing.PluginJarBuilder;
import dev.oxtask.core.testing.TestNotes;
import dev.oxtask.core.text.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A note plugin built like a user's own project, dropped into a plugins folder and used. */
class CustomNotePluginIntegrationTest {

  @TempDir Path plugins;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private NoteDispatcher dispatcher(NoteRegistry registry) {
    return new NoteDispatcher(
        registry,
        new SecretMasker(),
        Optional.empty(),
        new PrintStream(console, true, StandardCharsets.UTF_8),
        NoteDispatcher.DEFAULT_SEND_TIMEOUT);
  }

  private NoteRegistry load() {
    return NoteRegistry.load(folder());
  }

  private PluginsFolder folder() {
    return PluginsFolder.resolve(Optional.of(plugins), Map.of(), Optional.empty());
  }

  @Test
  void notesComeOnlyFromThePluginsFolderNeverFromTheClassPath() throws Exception {
    assertThat(applicationIndexLines()).contains(ClasspathNote.class.getName());
    // A plugin without its own index must not inherit the application's.
    PluginJarBuilder.plugin("no-index", "1.0")
        .type("noindex.Thing", "package noindex; public class Thing {}")
        .writeTo(plugins, "no-index.jar");
    TestNotes.writeTestNotesPlugin(plugins);
    try (NoteRegistry registry = load()) {
      assertThat(registry.find("ClasspathNote")).isEmpty();
      assertThat(registry.find(ClasspathNote.class.getName())).isEmpty();
      TaskPlan plan = plan(List.of(note("cp", "ClasspathNote", Map.of())), List.of(job("a", "cp")));
      assertThat(dispatcher(registry).prepare(plan, plan.jobs().values()))
          .extracting(Diagnostic::toString)
          .containsExactly(
              "plan.json:3:7: notes.cp.class_name: unknown note class 'ClasspathNote'; note"
                  + " classes found in "
                  + plugins
                  + " (--plugins-dir): FailingNote, Recorder, RecordingNote (see the plugin warnings"
                  + " above)");
    }
  }

  private static String dupSource(String pkg) {
    return """
        package %s;
        @org.pf4j.Extension
        public final class Dup implements dev.oxtask.core.note.Note {
          public String name() { return "Dup"; }
          public java.util.List<dev.oxtask.core.note.OptionProblem> validate(
              dev.oxtask.core.note.NoteOptions o) { return java.util.List.of(); }
          public void send(dev.oxtask.core.note.NoteOptions o, dev.oxtask.core.note.JobResult r,
              dev.oxtask.core.note.NoteContext c) {}
        }
        """
        .formatted(pkg);
  }

  @Test
  void aNoteNameTwoPluginsDeclareIsAnErrorOnlyWhereItIsUsed() {
    PluginJarBuilder.plugin("a", "1").note("a.Dup", dupSource("a")).writeTo(plugins, "a.jar");
    PluginJarBuilder.plugin("b", "2").note("b.Dup", dupSource("b")).writeTo(plugins, "b.jar");
    try (NoteRegistry registry = load()) {
      TaskPlan plan =
          plan(
              List.of(note("short", "Dup", Map.of()), note("full", "b.Dup", Map.of())),
              List.of(job("x", "short"), job("y", "full")));
      assertThat(dispatcher(registry).prepare(plan, plan.jobs().values()))
          .extracting(Diagnostic::toString)
          .containsExactly(
              "plan.json:3:7: notes.short.class_name: note class 'Dup' is ambiguous: it matches"
                  + " a.Dup in a 1 (a.jar), b.Dup in b 2 (b.jar); use the fully qualified class"
                  + " name");
    }
  }

  @Test
  void aUsedNoteOfAPluginThatFailedToStartNamesThePluginProblem() {
    Path boom =
        PluginJarBuilder.plugin("boom", "1.0")
            .pluginClass(
                "boom.BoomPlugin",
                """
                package boom;
                public class BoomPlugin extends org.pf4j.Plugin {
                  @Override public void start() { throw new IllegalStateException("no licence"); }
                }
                """)
            .note("boom.Dup", dupSource("boom"))
            .writeTo(plugins, "boom.jar");
    String failure =
        "plugin 'boom' ("
            + boom
            + ") failed to start: java.lang.IllegalStateException: no licence; its notes are"
            + " unavailable";
    TaskPlan plan = plan(List.of(note("n", "Dup", Map.of())), List.of(job("x", "n")));
    try (NoteRegistry registry = load()) {
      NoteDispatcher dispatcher = dispatcher(registry);
      assertThat(dispatcher.prepare(plan, plan.jobs().values()))
          .extracting(Diagnostic::toString)
          .containsExactly(
              "plan.json:3:7: notes.n.class_name: unknown note class 'Dup'; no note classes were"
                  + " found in "
                  + plugins
                  + " (--plugins-dir); build the plugins with ./mvnw package, or point"
                  + " --plugins-dir or $OX_TASK_PLUGINS_DIR at a folder of plugin JARs (see the"
                  + " plugin warnings above)");
      assertThat(dispatcher.warnings()).containsExactly(failure);
    }
    try (NoteRegistry registry = NoteRegistry.open(folder())) {
      assertThat(dispatcher(registry).prepare(plan, plan.jobs().values()))
          .extracting(Diagnostic::toString)
          .containsExactly("plan.json:3:7: notes.n.class_name: " + failure);
    }
  }

  @Test
  void aPluginRequiringANewerOxTaskIsSkippedAndItsNoteIsUnknownWithTheReason() {
    Path future =
        PluginJarBuilder.plugin("future-note", "3.0.0")
            .requires(">=99.0.0")
            .note("future.Dup", dupSource("future"))
            .writeTo(plugins, "future-note.jar");
    TestNotes.writeTestNotesPlugin(plugins);
    String skipped =
        "skipped plugin 'future-note' ("
            + future
            + "): it requires ox-task >=99.0.0 (its Plugin-Requires) and this is ox-task "
            + CoreVersion.current()
            + "; use a version of the plugin built for ox-task "
            + CoreVersion.current()
            + ", or upgrade ox-task";
    try (NoteRegistry registry = load()) {
      assertThat(registry.warnings()).containsExactly(skipped);
      TaskPlan plan = plan(List.of(note("n", "Dup", Map.of())), List.of(job("x", "n")));
      assertThat(dispatcher(registry).prepare(plan, plan.jobs().values()))
          .extracting(Diagnostic::toString)
          .containsExactly(
              "plan.json:3:7: notes.n.class_name: unknown note class 'Dup'; note classes found in "
                  + plugins
                  + " (--plugins-dir): FailingNote, Recorder, RecordingNote (see the plugin"
                  + " warnings above)");
    }
  }

  @Test
  void aPluginRequiringThisOxTaskOrOlderLoads() {
    PluginJarBuilder.plugin("current-note", "1.0.0")
        .requires(">=" + CoreVersion.current())
        .note("current.Dup", dupSource("current"))
        .writeTo(plugins, "current-note.jar");
    try (NoteRegistry registry = load()) {
      assertThat(registry.warnings()).isEmpty();
      assertThat(registry.find("Dup")).isPresent();
    }
  }

  @Test
  void aNoteImplementingOnlySendIsNamedByItsClassAndAcceptsAnyOption() {
    PluginJarBuilder.plugin("minimal", "1.0.0")
        .note(
            "minimal.Shout",
            """
            package minimal;
            @org.pf4j.Extension
            public final class Shout implements dev.oxtask.core.note.Note {
              public void send(dev.oxtask.core.note.NoteOptions o, dev.oxtask.core.note.JobResult r,
                  dev.oxtask.core.note.NoteContext c) {
                c.console().println(r.job().toUpperCase() + " " + o.string("suffix", ""));
              }
            }
            """)
        .writeTo(plugins, "minimal.jar");
    try (NoteRegistry registry = load()) {
      NoteDispatcher dispatcher = dispatcher(registry);
      TaskPlan plan =
          plan(List.of(note("s", "Shout", Map.of("suffix", "!"))), List.of(job("backup", "s")));

      assertThat(registry.declaredName(registry.find("Shout").orElseThrow())).contains("Shout");
      assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();
      dispatcher.deliver(
          plan.jobs().get("backup"), result("backup", JobStatus.SUCCESS, ""), Map.of());

      assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("BACKUP !\n");
    }
  }

  private static List<String> applicationIndexLines() throws Exception {
    List<String> lines = new java.util.ArrayList<>();
    for (URL url :
        Collections.list(
            CustomNotePluginIntegrationTest.class
                .getClassLoader()
                .getResources("META-INF/extensions.idx"))) {
      try (InputStream in = url.openStream()) {
        lines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      }
    }
    return lines;
  }
}
