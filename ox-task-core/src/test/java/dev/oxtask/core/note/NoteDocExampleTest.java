package dev.oxtask.core.note;

import static dev.oxtask.core.testing.Plans.job;
import static dev.oxtask.core.testing.Plans.note;
import static dev.oxtask.core.testing.Plans.plan;
import static dev.oxtask.core.testing.Plans.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.delivery.NoteDispatcher;
import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.plugin.PluginsFolder;
import dev.oxtask.core.testing.PluginJarBuilder;
import dev.oxtask.core.testing.TestNotes;
import dev.oxtask.core.text.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.Extension;

/**
 * The Java blocks of {@code docs/writing-a-note-plugin.md}, compiled against ox-task-core: the
 * example note, built into a plugin JAR and used by a plan, and the example test of it, run.
 */
class NoteDocExampleTest {

  @TempDir Path plugins;
  @TempDir Path classes;
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
    return NoteRegistry.load(
        PluginsFolder.resolve(Optional.of(plugins), Map.of(), Optional.empty()));
  }

  @Test
  void aPlanUsingTheDocumentedPluginsClassNameDeliversThroughIt() {
    PluginJarBuilder.plugin("hello-note", "1.0.0")
        .note("com.example.notes.HelloNote", TestNotes.docExample())
        .writeTo(plugins, "hello-note-1.0.0.jar");
    try (NoteRegistry registry = load()) {
      NoteDispatcher dispatcher = dispatcher(registry);
      TaskPlan plan =
          plan(
              List.of(
                  note("hi", "Hello", Map.of("greeting", "Hi $WHO")),
                  note("full", "com.example.notes.HelloNote", Map.of())),
              List.of(job("backup", "hi"), job("prune", "full")));

      assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();
      dispatcher.deliver(
          plan.jobs().get("backup"), result("backup", JobStatus.SUCCESS, ""), Map.of("WHO", "Ann"));
      dispatcher.deliver(plan.jobs().get("prune"), result("prune", JobStatus.FAILED, ""), Map.of());

      assertThat(console.toString(StandardCharsets.UTF_8))
          .isEqualTo("Hi Ann, backup ended: success\nHello, prune ended: failed\n");
    }
  }

  @Test
  void theDocumentedPluginRejectsUnknownOptions() {
    PluginJarBuilder.plugin("hello-note", "1.0.0")
        .note("com.example.notes.HelloNote", TestNotes.docExample())
        .writeTo(plugins, "hello-note-1.0.0.jar");
    try (NoteRegistry registry = load()) {
      TaskPlan plan =
          plan(List.of(note("hi", "HelloNote", Map.of("greting", "x"))), List.of(job("a", "hi")));
      assertThat(dispatcher(registry).prepare(plan, plan.jobs().values()))
          .extracting(Diagnostic::toString)
          .containsExactly(
              "plan.json:2:5: notes.hi.greting: unknown option — did you mean 'greeting'? Options"
                  + " of this note: greeting");
    }
  }

  @Test
  void theDocumentedTestOfTheNoteCompilesAndPasses() throws Exception {
    List<String> blocks = TestNotes.docJavaBlocks();
    assertThat(blocks).hasSize(2);
    PluginJarBuilder.compile(
        Map.of(
            "com.example.notes.HelloNote", blocks.get(0),
            "com.example.notes.HelloNoteTest", blocks.get(1)),
        classes,
        Note.class,
        Extension.class,
        Test.class,
        org.junit.jupiter.api.Assertions.class);

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> test = loader.loadClass("com.example.notes.HelloNoteTest");
      Method method = test.getDeclaredMethod("greetsWithTheJobAndItsStatus");
      assertThat(method.isAnnotationPresent(Test.class)).isTrue();
      var constructor = test.getDeclaredConstructor();
      constructor.setAccessible(true);
      method.setAccessible(true);
      // Throws (and fails this test) when the documented test's assertion fails.
      method.invoke(constructor.newInstance());
    }
  }
}
