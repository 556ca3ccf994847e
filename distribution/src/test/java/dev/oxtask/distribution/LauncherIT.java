package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.distribution.Launch.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/ox_task} of the real zip, unpacked into a folder whose path holds a space. */
class LauncherIT {

  @TempDir Path temp;
  Path scratch;
  Installation installation;

  @BeforeEach
  void unpack() throws IOException {
    scratch = Files.createDirectories(temp.resolve("scratch"));
    installation = Installation.unpackInto(Files.createDirectories(temp.resolve("tools dir")));
  }

  @Test
  void symlinkedLauncherRunsFromAnotherFolderWhenTheHomePathHasASpace() throws Exception {
    Path links = Files.createDirectories(temp.resolve("my bin"));
    Path link = Files.createSymbolicLink(links.resolve("ox_task"), installation.launcher());
    Path elsewhere = Files.createDirectories(temp.resolve("somewhere else"));

    Path plan = installation.home().resolve("examples/hello.json");

    Outcome version = Launch.of(link, "--version").in(elsewhere).run(scratch);
    Outcome validate = Launch.of(link, "validate", plan.toString()).in(elsewhere).run(scratch);

    assertThat(version.stderr()).isEmpty();
    assertThat(version.stdout()).isEqualTo("ox_task " + Installation.version() + "\n");
    assertThat(version.exitCode()).isZero();
    // A valid plan may draw warnings (spec section 6), never an error.
    assertThat(validate.stderrLines()).allMatch(line -> line.startsWith("warning: "));
    assertThat(validate.stdout()).isEqualTo("ok: " + plan + ": 3 jobs, 1 env, 1 note checked\n");
    assertThat(validate.exitCode()).isZero();
  }

  @Test
  void chainOfRelativeSymlinksLeadsBackToTheHome() throws Exception {
    Path first = Files.createDirectories(temp.resolve("first"));
    Path second = Files.createDirectories(temp.resolve("second"));
    Files.createSymbolicLink(second.resolve("ox"), second.relativize(installation.launcher()));
    Path link = Files.createSymbolicLink(first.resolve("ox_task"), Path.of("../second/ox"));

    Outcome outcome = Launch.of(link, "--version").in(scratch).run(scratch);

    assertThat(outcome.stdout()).isEqualTo("ox_task " + Installation.version() + "\n");
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void launcherExecsJavaWithTheHomeTheLogbackConfigAndTheArgumentsIntact() throws Exception {
    Path record = temp.resolve("record.txt");
    Path javaHome = FakeJava.recording(temp.resolve("recording jdk"), record);
    Path home = installation.home();

    Outcome outcome =
        Launch.of(installation.launcher(), "--version", "two words", "*")
            .in(scratch)
            .env("JAVA_HOME", javaHome.toString())
            .env("JAVA_OPTS", "-Dprobe.first=1  -Dprobe.order=java_opts")
            .env("OX_TASK_OPTS", "-Dprobe.order=ox_task_opts")
            .run(scratch);

    assertThat(outcome.stdout()).isEqualTo("ox_task " + Installation.version() + "\n");
    List<String> recorded = Files.readAllLines(record);
    assertThat(recorded).first().isEqualTo("pid=" + outcome.pid());
    assertThat(recorded.get(1)).startsWith("PATH=" + home.resolve("bin") + ":");
    assertThat(recorded)
        .containsSubsequence(
            "arg=-XX:+UseSerialGC",
            "arg=-Dlogback.configurationFile=" + home.resolve("conf/logback.xml"),
            "arg=-Dprobe.first=1",
            "arg=-Dprobe.order=java_opts",
            "arg=-Dprobe.order=ox_task_opts",
            "arg=-Dox_task.home=" + home,
            "arg=-cp",
            "arg=" + home.resolve("lib") + "/*",
            "arg=dev.oxtask.cli.Main",
            "arg=--version",
            "arg=two words",
            "arg=*")
        .last()
        .isEqualTo("arg=*");
  }

  @Test
  void jobsStartThroughVforkOnLinuxBeforeJava25UnlessTheUserChoseHowProcessesStart()
      throws Exception {
    Path record = temp.resolve("record.txt");
    Path javaHome = FakeJava.recording(temp.resolve("recording jdk"), record);
    String vfork = "arg=-Djdk.lang.Process.launchMechanism=VFORK";

    Launch.of(installation.launcher(), "--version")
        .env("JAVA_HOME", javaHome.toString())
        .run(scratch);
    List<String> chosenByTheLauncher = Files.readAllLines(record);
    Launch.of(installation.launcher(), "--version")
        .env("JAVA_HOME", javaHome.toString())
        .env("OX_TASK_OPTS", "-Djdk.lang.Process.launchMechanism=FORK")
        .run(scratch);
    List<String> chosenByTheUser = Files.readAllLines(record);

    boolean vforkExists =
        System.getProperty("os.name").equals("Linux") && Runtime.version().feature() <= 24;
    assertThat(chosenByTheLauncher.contains(vfork)).isEqualTo(vforkExists);
    assertThat(chosenByTheUser)
        .doesNotContain(vfork)
        .contains("arg=-Djdk.lang.Process.launchMechanism=FORK");
  }

  @Test
  void editedLogbackXmlIsReadAndTheShippedOneKeepsStderrQuiet() throws Exception {
    Outcome quiet = Launch.of(installation.launcher(), "plugins").run(scratch);
    Path conf = installation.home().resolve("conf/logback.xml");
    Files.writeString(
        conf,
        Files.readString(conf)
            .replace(
                "<logger name=\"org.pf4j\" level=\"OFF\"/>",
                "<logger name=\"org.pf4j\" level=\"INFO\"/>"));

    Outcome logged = Launch.of(installation.launcher(), "plugins").run(scratch);

    assertThat(quiet.stderr()).isEmpty();
    assertThat(logged.stderrLines()).isNotEmpty().allMatch(line -> line.contains(" INFO  o.p."));
    assertThat(logged.stdout()).isEqualTo(quiet.stdout());
  }

  @Test
  void collectorChosenInJavaOptsReplacesTheLaunchersDefault() throws Exception {
    Outcome outcome =
        Launch.of(installation.launcher(), "--version")
            .env("JAVA_OPTS", "-XX:+UseParallelGC")
            .run(scratch);

    assertThat(outcome.stderr()).isEmpty();
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void javaOlderThan17IsOneClearLineAndExitCode1() throws Exception {
    Path javaHome =
        FakeJava.printingVersion(temp.resolve("jdk 11"), "openjdk version \"11.0.2\" 2019-01-15");

    Outcome outcome =
        Launch.of(installation.launcher(), "--version")
            .env("JAVA_HOME", javaHome.toString())
            .run(scratch);

    assertThat(outcome.stderrLines())
        .containsExactly(
            "ox_task: Java 17 or newer is needed, but '"
                + javaHome.resolve("bin/java")
                + "' is Java 11.0.2; set JAVA_HOME to a Java 17 or newer installation");
    assertThat(outcome.stdout()).isEmpty();
    assertThat(outcome.exitCode()).isEqualTo(1);
  }

  @Test
  void java8VersionSchemeIsReadAsJava8() throws Exception {
    Path javaHome = FakeJava.printingVersion(temp.resolve("jdk8"), "java version \"1.8.0_292\"");

    Outcome outcome =
        Launch.of(installation.launcher(), "--version")
            .env("JAVA_HOME", javaHome.toString())
            .run(scratch);

    assertThat(outcome.stderrLines())
        .containsExactly(
            "ox_task: Java 17 or newer is needed, but '"
                + javaHome.resolve("bin/java")
                + "' is Java 1.8.0_292; set JAVA_HOME to a Java 17 or newer installation");
    assertThat(outcome.exitCode()).isEqualTo(1);
  }

  @Test
  void releaseFileOfTheJavaHomeGivesTheVersionWithoutStartingJava() throws Exception {
    Path javaHome = FakeJava.printingVersion(temp.resolve("jre"), "openjdk version \"21\"");
    Files.writeString(
        javaHome.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.22\"\n");

    Outcome outcome =
        Launch.of(installation.launcher(), "--version")
            .env("JAVA_HOME", javaHome.toString())
            .run(scratch);

    assertThat(outcome.stderrLines())
        .containsExactly(
            "ox_task: Java 17 or newer is needed, but '"
                + javaHome.resolve("bin/java")
                + "' is Java 11.0.22; set JAVA_HOME to a Java 17 or newer installation");
  }

  @Test
  void javaHomeWithoutAJavaIsOneClearLine() throws Exception {
    Path notAJdk = Files.createDirectories(temp.resolve("not a jdk"));

    Outcome outcome =
        Launch.of(installation.launcher(), "--version")
            .env("JAVA_HOME", notAJdk.toString())
            .run(scratch);

    assertThat(outcome.stderrLines())
        .containsExactly(
            "ox_task: JAVA_HOME is '"
                + notAJdk
                + "' but '"
                + notAJdk.resolve("bin/java")
                + "' is not an executable file; set JAVA_HOME to a Java 17 or newer installation,"
                + " or unset it to use the java on PATH");
    assertThat(outcome.exitCode()).isEqualTo(1);
  }

  @Test
  void noJavaHomeAndNoJavaOnPathIsOneClearLine() throws Exception {
    Path emptyBin = Files.createDirectories(temp.resolve("empty bin"));

    Outcome outcome =
        Launch.of(installation.launcher(), "--version")
            .without("JAVA_HOME")
            .env("PATH", emptyBin.toString())
            .run(scratch);

    assertThat(outcome.stderrLines())
        .containsExactly(
            "ox_task: no Java found: install Java 17 or newer and put its java on PATH,"
                + " or set JAVA_HOME to its folder");
    assertThat(outcome.exitCode()).isEqualTo(1);
  }

  @Test
  void javaOnPathIsUsedWhenJavaHomeIsUnset() throws Exception {
    Path bin = Files.createDirectories(temp.resolve("path bin"));
    Files.createSymbolicLink(
        bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));

    Outcome outcome =
        Launch.of(installation.launcher(), "--version")
            .without("JAVA_HOME")
            .env("PATH", bin + ":/usr/bin:/bin")
            .run(scratch);

    assertThat(outcome.stdout()).isEqualTo("ox_task " + Installation.version() + "\n");
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void readOnlyInstallationStillRunsAndIsLeftUntouched() throws Exception {
    // Permission bits do not stop root, so the snapshot is what proves nothing was written.
    List<String> before = installation.snapshot();
    installation.setWritable(false);
    try {
      Outcome outcome = Launch.of(installation.launcher(), "--version").run(scratch);

      assertThat(outcome.stderr()).isEmpty();
      assertThat(outcome.stdout()).isEqualTo("ox_task " + Installation.version() + "\n");
    } finally {
      installation.setWritable(true);
    }
    assertThat(installation.snapshot()).isEqualTo(before);
  }
}
