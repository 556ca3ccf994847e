package dev.oxtask.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.testing.PluginJarBuilder;
import dev.oxtask.core.testing.TestNotes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoteRegistryTest {

  @TempDir Path plugins;

  private NoteRegistry load() {
    return NoteRegistry.load(
        PluginsFolder.resolve(Optional.of(plugins), Map.of(), Optional.empty()));
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
  void listsEachNoteClassWithItsPluginVersionAndJar() {
    Path jar = TestNotes.writeTestNotesPlugin(plugins);
    try (NoteRegistry registry = load()) {
      assertThat(registry.classes())
          .containsExactlyInAnyOrder(
              new NoteClass("test.notes.RecordingNote", "test-notes", "1.2.3", jar),
              new NoteClass("test.notes.FailingNote", "test-notes", "1.2.3", jar));
      assertThat(registry.warnings()).isEmpty();
    }
  }

  @Test
  void findsByFullNameSimpleNameOrDeclaredName() {
    TestNotes.writeTestNotesPlugin(plugins);
    try (NoteRegistry registry = load()) {
      String expected = "test.notes.RecordingNote";
      assertThat(registry.find("test.notes.RecordingNote").map(NoteClass::className))
          .contains(expected);
      assertThat(registry.find("RecordingNote").map(NoteClass::className)).contains(expected);
      assertThat(registry.find("Recorder").map(NoteClass::className)).contains(expected);
      assertThat(registry.find("Nope")).isEmpty();
    }
  }

  @Test
  void createdNoteComesFromThePluginJarAndIsReused() throws Exception {
    TestNotes.writeTestNotesPlugin(plugins);
    try (NoteRegistry registry = load()) {
      NoteClass recording = registry.find("RecordingNote").orElseThrow();
      Note note = registry.create(recording);
      assertThat(note.getClass().getClassLoader()).isSameAs(registry.classLoader(recording));
      assertThat(registry.create(recording)).isSameAs(note);
    }
  }

  @Test
  void missingFolderGivesNoNotesAndNoWarning() {
    try (NoteRegistry registry =
        NoteRegistry.load(
            PluginsFolder.resolve(
                Optional.of(plugins.resolve("absent")), Map.of(), Optional.empty()))) {
      assertThat(registry.classes()).isEmpty();
      assertThat(registry.warnings()).isEmpty();
    }
  }

  @Test
  void corruptJarIsSkippedWithAWarningAndTheOthersStillLoad() throws Exception {
    TestNotes.writeTestNotesPlugin(plugins);
    Path bad = Files.writeString(plugins.resolve("broken.jar"), "this is not a zip");
    try (NoteRegistry registry = load()) {
      assertThat(registry.find("RecordingNote")).isPresent();
      assertThat(registry.warnings())
          .containsExactly(
              "skipped "
                  + bad
                  + ": not a readable JAR file (zip END header not found); replace or remove it");
    }
  }

  @Test
  void jarWithoutDescriptorIsSkippedWithAWarning() {
    TestNotes.writeTestNotesPlugin(plugins);
    Path plain =
        PluginJarBuilder.withoutDescriptor()
            .note("plain.PlainNote", dupSource("plain").replace("Dup", "PlainNote"))
            .writeTo(plugins, "plain.jar");
    try (NoteRegistry registry = load()) {
      assertThat(registry.find("RecordingNote")).isPresent();
      assertThat(registry.find("PlainNote")).isEmpty();
      assertThat(registry.warnings())
          .containsExactly(
              "skipped "
                  + plain
                  + ": it is not an ox-task plugin (its MANIFEST.MF needs Plugin-Id and"
                  + " Plugin-Version; see plugins/README.md)");
    }
  }

  @Test
  void jarWithoutExtensionIndexIsReported() {
    Path empty =
        PluginJarBuilder.plugin("empty", "1.0")
            .type("empty.Thing", "package empty; public class Thing {}")
            .writeTo(plugins, "empty.jar");
    try (NoteRegistry registry = load()) {
      assertThat(registry.warnings())
          .containsExactly(
              "plugin 'empty' ("
                  + empty
                  + ") declares no note class: its JAR has no META-INF/extensions.idx; build it"
                  + " with pf4j's annotation processor (see plugins/README.md)");
    }
  }

  @Test
  void twoPluginsDeclaringOneNoteNameAreReportedAndTheFullNameStillWorks() {
    Path a =
        PluginJarBuilder.plugin("a", "1").note("a.Dup", dupSource("a")).writeTo(plugins, "a.jar");
    Path b =
        PluginJarBuilder.plugin("b", "2").note("b.Dup", dupSource("b")).writeTo(plugins, "b.jar");
    try (NoteRegistry registry = load()) {
      assertThat(registry.warnings())
          .containsExactly(
              "note class name 'Dup' is declared by several plugins: a.Dup in a 1 (a.jar), b.Dup"
                  + " in b 2 (b.jar); plans must use the fully qualified class name, or remove one"
                  + " JAR");
      assertThat(registry.matching("Dup")).hasSize(2);
      assertThat(registry.find("b.Dup").map(NoteClass::jar)).contains(b);
      assertThat(registry.find("a.Dup").map(NoteClass::jar)).contains(a);
    }
  }

  @Test
  void secondJarWithTheSamePluginIdIsSkipped() {
    Path first = TestNotes.writeTestNotesPlugin(plugins);
    Path second =
        PluginJarBuilder.plugin("test-notes", "9.9")
            .note("other.Dup", dupSource("other"))
            .writeTo(plugins, "x-copy-of-test-notes.jar");
    try (NoteRegistry registry = load()) {
      assertThat(registry.warnings())
          .containsExactly(
              "skipped "
                  + second
                  + ": plugin id 'test-notes' is already loaded from "
                  + first
                  + "; remove one of the two JARs");
      assertThat(registry.find("RecordingNote")).isPresent();
    }
  }

  @Test
  void pluginThatFailsToStartIsReportedAndItsNotesAreUnavailable() {
    TestNotes.writeTestNotesPlugin(plugins);
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
    try (NoteRegistry registry = load()) {
      assertThat(registry.warnings())
          .containsExactly(
              "plugin 'boom' ("
                  + boom
                  + ") failed to start: java.lang.IllegalStateException: no licence; its notes are"
                  + " unavailable");
      assertThat(registry.find("Dup")).isEmpty();
      assertThat(registry.find("RecordingNote")).isPresent();
    }
  }

  @Test
  void openStartsOnlyThePluginWhoseNoteIsCreated() throws Exception {
    TestNotes.writeTestNotesPlugin(plugins);
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
    try (NoteRegistry registry =
        NoteRegistry.open(
            PluginsFolder.resolve(Optional.of(plugins), Map.of(), Optional.empty()))) {
      NoteClass recording = registry.find("RecordingNote").orElseThrow();

      assertThat(registry.create(recording).name()).isEqualTo("Recorder");
      assertThat(registry.warnings()).isEmpty();
      NoteClass dup = registry.find("boom.Dup").orElseThrow();
      assertThatThrownBy(() -> registry.create(dup))
          .isInstanceOf(NoteException.class)
          .hasMessage(
              "plugin 'boom' ("
                  + boom
                  + ") failed to start: java.lang.IllegalStateException: no licence; its notes are"
                  + " unavailable");
      assertThat(registry.warnings()).hasSize(1);
    }
  }

  @Test
  void aNoteWhoseConstructorThrowsCannotBeCreated() {
    Path jar =
        PluginJarBuilder.plugin("ctor", "1.0")
            .note(
                "ctor.Dup",
                dupSource("ctor")
                    .replace(
                        "public String name()",
                        "public Dup() { throw new IllegalStateException(\"nope\"); }\n"
                            + "  public String name()"))
            .writeTo(plugins, "ctor.jar");
    try (NoteRegistry registry = load()) {
      NoteClass dup = registry.find("ctor.Dup").orElseThrow();
      assertThatThrownBy(() -> registry.create(dup))
          .isInstanceOf(NoteException.class)
          .hasMessage(
              "note class 'ctor.Dup' in "
                  + jar
                  + " could not be created: java.lang.IllegalStateException: its constructor threw"
                  + " java.lang.IllegalStateException: nope");
    }
  }
}
