package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {

  @TempDir Path plugins;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path writeSamplePlugin() throws Exception {
    return writePlugin("sample-note", "sample-note-2.0.1.jar", SampleNote.class);
  }

  private Path writePlugin(String id, String fileName, Class<?>... classes) throws Exception {
    return TestPluginJar.write(plugins, id, fileName, classes);
  }

  @Test
  void listsEachNoteClassWithPluginVersionAndJar() throws Exception {
    writeSamplePlugin();
    assertThat(run("plugins", "--plugins-dir", plugins.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "plugins folder: "
                + plugins
                + " (--plugins-dir)\n"
                + "NAME    CLASS                      PLUGIN       VERSION  JAR\n"
                + "Sample  dev.oxtask.cli.SampleNote  sample-note  2.0.1    sample-note-2.0.1.jar\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void brokenJarIsAWarningOnStderrWithoutPf4jNoise() throws Exception {
    writeSamplePlugin();
    Path broken = Files.writeString(plugins.resolve("broken.jar"), "not a zip");
    assertThat(run("plugins", "--plugins-dir", plugins.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Sample  dev.oxtask.cli.SampleNote");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "warning: skipped "
                + broken
                + ": not a readable JAR file (zip END header not found); replace or remove it\n");
  }

  @Test
  void aPluginThatFailsToStartIsOneWarningAndPf4jStaysQuiet() throws Exception {
    Path jar = writePlugin("failing", "failing.jar", SampleNote.class, FailingStartPlugin.class);
    ByteArrayOutputStream processErr = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
    try {
      assertThat(run("plugins", "--plugins-dir", plugins.toString())).isZero();
    } finally {
      System.setErr(original);
    }
    // pf4j logs "Unable to start plugin" with a stack trace at ERROR; the user sees none of it.
    assertThat(processErr.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("no note classes found\n");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "warning: plugin 'failing' ("
                + jar
                + ") failed to start: java.lang.IllegalStateException: no licence; its notes are"
                + " unavailable\n");
  }

  @Test
  void emptyFolderSaysSo() {
    assertThat(run("plugins", "--plugins-dir", plugins.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("plugins folder: " + plugins + " (--plugins-dir)\nno note classes found\n");
  }
}
