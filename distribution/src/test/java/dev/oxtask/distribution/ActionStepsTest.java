package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.distribution.ActionStep.Runner;
import dev.oxtask.distribution.Launch.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripts of action.yml's steps, run by bash against a runner laid out in a temp folder. */
class ActionStepsTest {

  @TempDir Path temp;
  Runner runner;
  Map<String, String> expressions = new HashMap<>();

  @BeforeEach
  void runner() throws IOException {
    runner = Runner.in(temp.resolve("runner"));
    expressions.put("inputs.version", "0.1.0");
    expressions.put("inputs.plan", "");
    expressions.put("inputs.args", "");
    expressions.put("inputs.work-dir", "");
    expressions.put("github.action_path", temp.resolve("action").toString());
    expressions.put(
        "inputs.repository || github.action_repository || github.repository", "owner/ox-task");
  }

  @Test
  void releaseIsInstalledAndCachedUnderItsVersionAndTheRunnersOs() throws Exception {
    Outcome outcome = ActionStep.named("where").run(expressions, runner);

    assertThat(outcome.exitCode()).isZero();
    assertThat(runner.outputs())
        .containsExactly(
            "install-dir=" + runner.toolCache().resolve("ox-task/0.1.0"),
            "cache-key=ox-task-0.1.0-Linux");
  }

  @Test
  void buildFromSourceIsCachedUnderAHashOfTheSourcesButNotOfTheBuildOutput() throws Exception {
    expressions.put("inputs.version", "");
    Path source = temp.resolve("action");
    write(source.resolve("pom.xml"), "<project/>");
    write(source.resolve("core/src/main/java/A.java"), "class A {}");
    write(source.resolve("core/target/classes/A.class"), "compiled");

    String first = sourceKey();
    write(source.resolve("core/target/classes/A.class"), "compiled again");
    String afterBuild = sourceKey();
    write(source.resolve("core/src/main/java/A.java"), "class A { int changed; }");
    String afterEdit = sourceKey();

    assertThat(first).matches("cache-key=ox-task-source-[0-9a-f]{16}-Linux");
    assertThat(afterBuild).isEqualTo(first);
    assertThat(afterEdit).isNotEqualTo(first);
  }

  @Test
  void releaseThatCannotBeDownloadedIsOneErrorAnnotationNamingTheUrl() throws Exception {
    Path fakeBin = temp.resolve("fake bin");
    writeExecutable(fakeBin.resolve("curl"), "exit 22");
    expressions.put("inputs.version", "9.9.9");
    expressions.put(
        "steps.where.outputs.install-dir", runner.toolCache().resolve("ox-task/9.9.9").toString());

    Outcome outcome =
        ActionStep.named("Install ox-task")
            .run(expressions, runner.withPath(fakeBin + ":" + System.getenv("PATH")));

    assertThat(outcome.stdout())
        .isEqualTo(
            "::error title=ox-task::could not download"
                + " https://github.com/owner/ox-task/releases/download/v9.9.9/ox-task-9.9.9.zip:"
                + " check the action's version input"
                + " (releases: https://github.com/owner/ox-task/releases)\n");
    assertThat(outcome.exitCode()).isEqualTo(1);
  }

  @Test
  void installedLauncherIsCheckedAndItsBinFolderPutOnPath() throws Exception {
    Path install = fakeInstallation("echo 'ox_task 0.1.0'");

    Outcome outcome = ActionStep.named("Put ox_task on PATH").run(expressions, runner);

    assertThat(outcome.stdout()).isEqualTo("ox_task 0.1.0\n");
    assertThat(runner.pathAdditions()).containsExactly(install.resolve("bin").toString());
  }

  @Test
  void planAndArgsReachOxTaskAsSeparateWordsWithTheDefaultWorkDirAndAReport() throws Exception {
    Path record = temp.resolve("args.txt");
    fakeInstallation(
        "for arg in \"$@\"; do echo \"$arg\"; done > " + FakeJava.quote(record.toString()));
    Files.createFile(runner.workspace().resolve("would-be-globbed.json"));
    expressions.put("inputs.plan", "tasks.json  more.json");
    expressions.put("inputs.args", "--parallel 2 --job *");

    Outcome outcome = ActionStep.named("run").run(expressions, runner);

    assertThat(outcome.exitCode()).isZero();
    List<String> args = Files.readAllLines(record);
    assertThat(args.subList(0, 4))
        .containsExactly(
            "run", "--work-dir", runner.temp().resolve("ox_task").toString(), "--report");
    assertThat(args.get(4)).startsWith(runner.temp().resolve("ox_task-report-1-").toString());
    assertThat(args.subList(5, args.size()))
        .containsExactly("--parallel", "2", "--job", "*", "tasks.json", "more.json");
    assertThat(runner.outputs()).containsExactly("report=" + args.get(4));
  }

  @Test
  void givenWorkDirIsPassedAsOneWord() throws Exception {
    Path record = temp.resolve("args.txt");
    fakeInstallation(
        "for arg in \"$@\"; do echo \"$arg\"; done > " + FakeJava.quote(record.toString()));
    expressions.put("inputs.plan", "tasks.json");
    expressions.put("inputs.work-dir", "/work dir/ox_task");

    ActionStep.named("run").run(expressions, runner);

    assertThat(Files.readAllLines(record)).containsSubsequence("--work-dir", "/work dir/ox_task");
  }

  @Test
  void stepFailsWithOxTasksExitCode() throws Exception {
    fakeInstallation("exit 1");
    expressions.put("inputs.plan", "tasks.json");

    Outcome outcome = ActionStep.named("run").run(expressions, runner);

    assertThat(outcome.exitCode()).isEqualTo(1);
  }

  private String sourceKey() throws Exception {
    Files.writeString(runner.root().resolve("github_output"), "");
    ActionStep.named("where").run(expressions, runner);
    return runner.outputs().get(1);
  }

  /** An installation whose bin/ox_task is a script with this body; wired into the step inputs. */
  private Path fakeInstallation(String body) throws IOException {
    Path install = runner.toolCache().resolve("ox-task/0.1.0");
    writeExecutable(install.resolve("bin/ox_task"), body);
    expressions.put("steps.where.outputs.install-dir", install.toString());
    return install;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** A shell script with this body. */
  private static void writeExecutable(Path file, String body) throws IOException {
    write(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
