package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code ox_task} JVM shows a plugin's stack trace with {@code --debug}, and only then. */
class PluginTraceTest {

  private static final String SECRET = "tr4ce-s3cret-value";

  @TempDir Path dir;

  @Test
  void debugShowsThePluginsStackTraceWithSecretsMasked() throws Exception {
    String stderr = run("--debug");

    assertThat(stderr)
        .contains("note 'sample' (Sample) threw:")
        .contains("java.lang.IllegalStateException: sample failed for ***")
        .contains("at dev.oxtask.cli.SampleNote.send(")
        .doesNotContain(SECRET);
  }

  @Test
  void withoutDebugThereIsNoStackTrace() throws Exception {
    String stderr = run();

    assertThat(stderr).doesNotContain("SampleNote.send(").doesNotContain("threw:");
  }

  private String run(String... extra) throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    TestPluginJar.write(plugins, "sample-note", "sample.jar", SampleNote.class);
    Path plan =
        Files.writeString(
            dir.resolve("tasks.json"),
            """
            {"envs": {"e": {"variables": {"TOKEN": "%s"}, "secrets": ["TOKEN"]}},
             "notes": {"sample": {"class_name": "Sample", "fail": true, "token": "$TOKEN"}},
             "jobs": {"a": {"env": "e", "command": "true", "note": "sample"}}}
            """
                .formatted(SECRET));
    List<String> command =
        MainProcess.command(
            "run",
            "--plugins-dir",
            plugins.toString(),
            "--work-dir",
            dir.resolve("work").toString());
    command.addAll(List.of(extra));
    command.add(plan.toString());
    Process ox =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .redirectInput(new File("/dev/null"))
            .start();
    try {
      assertThat(ox.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      ox.destroyForcibly();
    }
    assertThat(ox.exitValue()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("out.txt"))).contains("note failed");
    return Files.readString(dir.resolve("err.txt"));
  }
}
