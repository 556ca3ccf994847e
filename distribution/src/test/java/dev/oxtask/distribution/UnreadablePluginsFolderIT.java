package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oxtask.distribution.Launch.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugins folder ox_task may not read (issue 11, item 9), through the real launcher. Root reads
 * every folder, so under root the runs are made as user nobody with {@code setpriv}.
 */
class UnreadablePluginsFolderIT {

  private static final String NOBODY = "65534";

  @TempDir Path temp;
  Installation installation;
  Path locked;
  Path own;

  @BeforeEach
  void install() throws IOException {
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    installation = Installation.unpackInto(Files.createDirectories(temp.resolve("tools")));
    locked = Files.createDirectories(temp.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    own = Files.createDirectories(temp.resolve("own"));
    if (root()) {
      Files.setAttribute(own, "unix:uid", Integer.parseInt(NOBODY));
    }
  }

  private static boolean root() throws IOException {
    return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
  }

  private Outcome run(String planJson) throws Exception {
    Path plan = Files.writeString(temp.resolve("plan.json"), planJson);
    Files.setPosixFilePermissions(plan, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--work-dir",
                own.resolve("work").toString(),
                "--plugins-dir",
                locked.toString(),
                plan.toString()));
    Path program = installation.launcher();
    if (root()) {
      Path setpriv = Path.of("/usr/bin/setpriv");
      assumeTrue(Files.isExecutable(setpriv), "running as root needs setpriv to drop root");
      args.addAll(
          0,
          List.of(
              "--reuid=" + NOBODY,
              "--regid=" + NOBODY,
              "--clear-groups",
              "--",
              program.toString()));
      program = setpriv;
    }
    return Launch.of(program, args.toArray(String[]::new))
        .in(own)
        .env("HOME", own.toString())
        .env("XDG_CACHE_HOME", own.resolve("cache").toString())
        .run(Files.createDirectories(temp.resolve("outcomes")));
  }

  @Test
  void aPlanWithoutNotesRunsWithoutAWordAboutTheFolder() throws Exception {
    Outcome outcome = run("{\"jobs\": {\"a\": {\"command\": [\"true\"]}}}");

    assertThat(outcome.stderr()).isEmpty();
    assertThat(outcome.stdout()).contains("1 success");
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void aPlanWithANoteIsWarnedThatTheFolderCannotBeRead() throws Exception {
    Outcome outcome =
        run(
            "{\"notes\": {\"n\": {\"class_name\": \"EchoNotifier\"}},"
                + " \"jobs\": {\"a\": {\"command\": [\"true\"], \"note\": \"n\"}}}");

    assertThat(outcome.stderrLines())
        .first()
        .asString()
        .startsWith("warning: cannot read the plugins folder " + locked + " (--plugins-dir): ");
    assertThat(outcome.stderr()).doesNotContain("internal error").contains("unknown note class");
    assertThat(outcome.exitCode()).isEqualTo(2);
  }
}
