package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.oxtask.core.testing.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin code that throws anything, an {@link Error} included, and plugins folders that are broken:
 * each is reported in words, secrets masked, and never stops a run that does not need the plugin.
 */
class PluginFaultsTest {

  private static final String TOKEN = "tok-5ecret-991";

  @TempDir Path dir;

  /** A note that throws an {@link AssertionError} showing its token where {@code mode} says. */
  private static final String FAULTY =
      """
      package faulty;
      import dev.oxtask.core.note.*;
      import java.util.List;
      @org.pf4j.Extension
      public final class Faulty implements Note {
        public String name() {
          return "Faulty";
        }
        public List<OptionProblem> validate(NoteOptions options) {
          if (options.string("mode", "").equals("validate")) {
            throw new AssertionError("rejected token " + options.string("token", ""));
          }
          return List.of();
        }
        public void send(NoteOptions options, JobResult result, NoteContext context) {
          throw new AssertionError("send refused token " + options.string("token", ""));
        }
      }
      """;

  private Path plugins() {
    Path plugins = dir.resolve("plugins");
    PluginJarBuilder.plugin("faulty", "1.0")
        .note("faulty.Faulty", FAULTY)
        .writeTo(plugins, "f.jar");
    return plugins;
  }

  private Path plan(String mode) throws Exception {
    return Files.writeString(
        dir.resolve("plan.json"),
        """
        {"notes": {"n": {"class_name": "Faulty", "token": "%s", "mode": "%s"}},
         "jobs": {"a": {"command": ["touch", "%s"], "note": "n"}}}
        """
            .formatted(TOKEN, mode, dir.resolve("ran")));
  }

  private CliRun run(Path plugins, Path plan) {
    return CliRun.of(
        "run",
        "--work-dir",
        dir.resolve("work").toString(),
        "--plugins-dir",
        plugins.toString(),
        plan.toString());
  }

  @Test
  void anErrorThrownByValidateIsAMaskedProblemNamingPluginAndClass() throws Exception {
    Path plan = plan("validate");

    CliRun validate = CliRun.of("validate", "--plugins-dir", plugins().toString(), plan.toString());
    CliRun run = run(dir.resolve("plugins"), plan);

    String problem =
        plan
            + ":1:18: notes.n.class_name: note class 'faulty.Faulty' of plugin faulty 1.0 (f.jar)"
            + " threw java.lang.AssertionError: rejected token *** while checking its options\n";
    assertThat(validate.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(validate.err()).isEqualTo(problem);
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEqualTo(problem);
    assertThat(dir.resolve("ran")).doesNotExist();
  }

  @Test
  void anErrorThrownBySendFailsTheNoteMaskedAndTheJobStillSucceeds() throws Exception {
    CliRun run = run(plugins(), plan("send"));

    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(dir.resolve("ran")).exists();
    assertThat(run.out() + run.err())
        .contains(
            "note 'n' (Faulty) failed: plugin faulty 1.0 (f.jar) threw java.lang.AssertionError:"
                + " send refused token ***")
        .doesNotContain(TOKEN)
        .doesNotContain("\tat ");
  }

  @Test
  void aNameThatThrowsAnErrorLeavesTheClassListedWithoutAName() {
    Path plugins = plugins();
    PluginJarBuilder.plugin("nameless", "1.0")
        .note(
            "faulty.Nameless",
            FAULTY
                .replace("class Faulty", "class Nameless")
                .replace("return \"Faulty\";", "throw new AssertionError(\"no name\");"))
        .writeTo(plugins, "n.jar");

    CliRun listed = CliRun.of("plugins", "--plugins-dir", plugins.toString());

    assertThat(listed.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(listed.out()).contains("(cannot be created)  faulty.Nameless");
    assertThat(listed.err()).isEmpty();
  }

  @Test
  void aConstructorThatThrowsAnErrorIsAProblemNamingTheClass() throws Exception {
    Path plugins = dir.resolve("plugins");
    PluginJarBuilder.plugin("faulty", "1.0")
        .note(
            "faulty.Faulty",
            FAULTY.replace(
                "public String name()",
                "public Faulty() { throw new AssertionError(\"no licence\"); }\n  public String name()"))
        .writeTo(plugins, "f.jar");

    CliRun validate =
        CliRun.of("validate", "--plugins-dir", plugins.toString(), plan("send").toString());

    assertThat(validate.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(validate.err())
        .contains(
            "notes.n.class_name: note class 'faulty.Faulty' in "
                + plugins.resolve("f.jar")
                + " could not be created: java.lang.IllegalStateException: its constructor threw"
                + " java.lang.AssertionError: no licence");
  }

  @Test
  void aDuplicatePluginIsWarnedAboutOnceAlongsideAnUnknownClass() throws Exception {
    Path plugins = plugins();
    Files.copy(plugins.resolve("f.jar"), plugins.resolve("g.jar"));
    Path plan =
        Files.writeString(
            dir.resolve("plan.json"),
            """
            {"notes": {"n": {"class_name": "Faulti"}}, "jobs": {"a": {"command": "true", "note": "n"}}}
            """);

    CliRun validate = CliRun.of("validate", "--plugins-dir", plugins.toString(), plan.toString());

    String warning =
        "skipped " + plugins.resolve("g.jar") + ": plugin id 'faulty' is already loaded from";
    assertThat(validate.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(validate.err().split(warning, -1)).hasSize(2);
    assertThat(validate.err()).contains("did you mean 'Faulty'? (see the plugin warnings above)");
  }

  @Test
  void anUnreadablePluginsFolderIsAWarningAndAPlanWithoutNotesRuns() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("locked"));
    Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(plugins), "this user reads any folder (root)");
    Path noNotes =
        Files.writeString(
            dir.resolve("plain.json"), "{\"jobs\": {\"a\": {\"command\": \"true\"}}}");

    CliRun plain = run(plugins, noNotes);
    CliRun withNote = run(plugins, plan("send"));

    assertThat(plain.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(plain.err()).isEmpty();
    assertThat(withNote.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(withNote.err())
        .startsWith("warning: cannot read the plugins folder " + plugins + " (--plugins-dir): ")
        .doesNotContain("internal error");
  }
}
