package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ox_task validate} creates each used note from the plugins folder and checks options. */
class ValidateNotesTest {

  @TempDir Path dir;
  private Path plugins;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void installFileNotes() throws Exception {
    plugins = dir.resolve("plugins");
    TestPlugins.installFileNotes(plugins);
  }

  private int validate(String planJson) throws Exception {
    Path plan = Files.writeString(dir.resolve("tasks.json"), planJson);
    return Main.run(
        new String[] {"validate", "--plugins-dir", plugins.toString(), plan.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aPlanWhoseNotesAreFinePasses() throws Exception {
    int exit =
        validate(
            """
            {"notes": {"log": {"class_name": "SimpleFileLog", "path": "x.log", "format": "json"}},
             "jobs": {"a": {"command": "true", "note": "log"}}}
            """);
    assertThat(exit).isZero();
    assertThat(stderr()).isEmpty();
  }

  @Test
  void anUnknownClassListsTheClassesFoundAndTheFolder() throws Exception {
    int exit =
        validate(
            """
            {"notes": {"log": {"class_name": "SimpleFileLgo", "path": "x.log"}},
             "jobs": {"a": {"command": "true", "note": "log"}}}
            """);
    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .isEqualTo(
            dir.resolve("tasks.json")
                + ":1:20: notes.log.class_name: unknown note class 'SimpleFileLgo'; note classes"
                + " found in "
                + plugins
                + " (--plugins-dir): EchoNotifier, FileNotifier, SimpleFileLog — did you mean"
                + " 'SimpleFileLog'?\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void badOptionsAreLocatedErrorsNamingNoteAndKey() throws Exception {
    int exit =
        validate(
            """
            {"notes": {"log": {"class_name": "SimpleFileLog", "format": "xml", "apend": true}},
             "jobs": {"a": {"command": "true", "note": "log"}}}
            """);
    assertThat(exit).isEqualTo(2);
    Path plan = dir.resolve("tasks.json");
    assertThat(stderr())
        .isEqualTo(
            plan
                + ":1:68: notes.log.apend: unknown option — did you mean 'append'? Options of this"
                + " note: append, format, path\n"
                + plan
                + ":1:12: notes.log.path: is required: the file to write results to\n"
                + plan
                + ":1:51: notes.log.format: must be one of text, json, not 'xml'\n"
                + "ox_task: 3 problems found; nothing was run\n");
  }

  @Test
  void anUnknownClassThatNoJobUsesIsOnlyAWarning() throws Exception {
    int exit =
        validate(
            """
            {"notes": {"tg": {"class_name": "TelegramNotifier", "token": "t"}},
             "jobs": {"a": {"command": "true"}}}
            """);
    assertThat(exit).isZero();
    assertThat(stderr())
        .isEqualTo(
            "warning: "
                + dir.resolve("tasks.json")
                + ":1:19: notes.tg.class_name: unknown note class 'TelegramNotifier'; note classes"
                + " found in "
                + plugins
                + " (--plugins-dir): EchoNotifier, FileNotifier, SimpleFileLog; no selected job"
                + " uses this note\n");
  }

  @Test
  void noteProblemsAreReportedTogetherWithTheStructuralOnes() throws Exception {
    int exit =
        validate(
            """
            {"notes": {"log": {"class_name": "SimpleFileLog", "format": "xml"}},
             "jobs": {"a": {"command": "true", "timout": 5},
                      "b": {"command": "true", "note": "log"}}}
            """);

    assertThat(exit).isEqualTo(2);
    String plan = dir.resolve("tasks.json").toString();
    assertThat(stderr().lines())
        .containsExactly(
            plan + ":1:12: notes.log.path: is required: the file to write results to",
            plan + ":1:51: notes.log.format: must be one of text, json, not 'xml'",
            plan
                + ":2:36: jobs.a.timout: unknown key 'timout' in job 'a' — did you mean"
                + " 'timeout'?",
            "ox_task: 3 problems found; nothing was run");
  }

  @Test
  void anUnknownClassIsMatchedAgainstDeclaredNamesToo() throws Exception {
    TestPluginJar.write(plugins, "sample-note", "sample.jar", SampleNote.class);

    int exit =
        validate(
            """
            {"notes": {"s": {"class_name": "Sampel"}},
             "jobs": {"a": {"command": "true", "note": "s"}}}
            """);

    assertThat(exit).isEqualTo(2);
    assertThat(stderr()).contains("Sample, SampleNote, SimpleFileLog — did you mean 'Sample'?\n");
  }
}
