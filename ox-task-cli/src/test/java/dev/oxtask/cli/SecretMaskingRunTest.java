package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ox_task run} masks in the console and the job's log files. */
class SecretMaskingRunTest {

  @TempDir Path dir;
  private Path plugins;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void installSampleNote() throws Exception {
    plugins = Files.createDirectories(dir.resolve("plugins"));
    TestPluginJar.write(plugins, "sample-note", "sample.jar", SampleNote.class);
  }

  private int run(String planJson, Map<String, String> extraEnvironment) throws Exception {
    Path plan = Files.writeString(dir.resolve("tasks.json"), planJson);
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(extraEnvironment);
    return Main.run(
        new String[] {
          "run",
          "--plugins-dir",
          plugins.toString(),
          "--work-dir",
          dir.resolve("work").toString(),
          "--report",
          dir.resolve("report.json").toString(),
          plan.toString()
        },
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        environment);
  }

  private String runLog(String name) throws Exception {
    try (var runs = Files.list(dir.resolve("work/runs"))) {
      return Files.readString(runs.findFirst().orElseThrow().resolve(name));
    }
  }

  @Test
  void secretNoteOptionFromAPlainEnvVariableIsMaskedInTheJobsOwnOutput() throws Exception {
    int code =
        run(
            """
            {"envs": {"e": {"variables": {"TOKEN": "tok-42$$42-plain"}}},
             "notes": {"n": {"class_name": "Sample", "token": "$TOKEN"}},
             "jobs": {"leak": {"command": "echo token is $$TOKEN; exit 3", "shell": true,
                               "env": "e", "note": "n"}}}
            """,
            Map.of());

    assertThat(code).isEqualTo(1);
    assertThat(runLog("leak.stdout")).isEqualTo("token is ***\n");
    String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertThat(console).contains("token is ***").doesNotContain("tok-42$42-plain");
    assertThat(Files.readString(dir.resolve("report.json"))).doesNotContain("tok-42$42-plain");
  }

  @Test
  void secretNoteOptionFromTheRunnersEnvironmentIsMaskedInTheJobsOwnOutput() throws Exception {
    int code =
        run(
            """
            {"notes": {"n": {"class_name": "Sample", "webhook_url": "$HOOK"}},
             "jobs": {"leak": {"command": "echo hook is $$HOOK", "shell": true, "note": "n"}}}
            """,
            Map.of("HOOK", "https://hooks.example/abc123"));

    assertThat(code).isZero();
    assertThat(runLog("leak.stdout")).isEqualTo("hook is ***\n");
  }

  @Test
  void secretTooShortToMaskIsLeftAloneWithOneWarning() throws Exception {
    int code =
        run(
            """
            {"envs": {"e": {"variables": {"A": "e", "B": "ab"}, "secrets": ["A", "B"]}},
             "jobs": {"one": {"command": "echo success; exit 1", "shell": true, "env": "e"},
                      "two": {"command": "echo success", "shell": true, "env": "e"}}}
            """,
            Map.of());

    assertThat(code).isEqualTo(1);
    assertThat(runLog("one.stdout")).isEqualTo("success\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("success").doesNotContain("***");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "warning: a secret shorter than 4 characters is not masked: it would hide that text in"
                + " every word; anything that prints it shows it\n");
  }
}
