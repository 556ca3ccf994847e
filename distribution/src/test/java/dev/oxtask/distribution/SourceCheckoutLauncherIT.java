package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.distribution.Launch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's own {@code ./ox_task}, which runs the build's unpacked distribution. */
class SourceCheckoutLauncherIT {

  @TempDir Path temp;

  @Test
  void builtCheckoutRunsWithTheCheckoutsPluginsFolder() throws Exception {
    Path record = temp.resolve("record.txt");
    Path javaHome = FakeJava.recording(temp.resolve("jdk"), record);
    Path repository = Installation.repository().toRealPath();

    Outcome outcome =
        Launch.of(repository.resolve("ox_task"), "--version")
            .in(temp)
            .env("JAVA_HOME", javaHome.toString())
            .without("OX_TASK_PLUGINS_DIR")
            .run(temp);

    assertThat(outcome.stdout()).isEqualTo("ox_task " + Installation.version() + "\n");
    assertThat(Files.readAllLines(record))
        .contains(
            "OX_TASK_PLUGINS_DIR=" + repository.resolve("plugins"),
            "arg=-Dox_task.home=" + repository.resolve("distribution/target/ox-task"));
  }

  @Test
  void readmeCommandRunsTheHelloExampleFromTheCheckout() throws Exception {
    Path repository = Installation.repository();

    Outcome outcome =
        Launch.of(
                repository.resolve("ox_task"),
                "run",
                "--work-dir",
                temp.resolve("work").toString(),
                "examples/hello.json")
            .in(repository)
            .run(temp);

    assertThat(outcome.stdout().lines())
        .last()
        .asString()
        .matches("ox_task: 3 jobs in .*: 3 success");
    assertThat(outcome.exitCode()).isZero();
    // The note's "$OX_TASK_LOG_DIR/hello.log" goes to the work dir, never into the checkout.
    assertThat(temp.resolve("work/logs/hello.log")).isRegularFile();
    assertThat(repository.resolve("$OX_TASK_LOG_DIR")).doesNotExist();
  }

  @Test
  void pluginsFolderAlreadyChosenByTheUserIsKept() throws Exception {
    Path record = temp.resolve("record.txt");
    Path javaHome = FakeJava.recording(temp.resolve("jdk"), record);

    Launch.of(Installation.repository().resolve("ox_task"), "--version")
        .env("JAVA_HOME", javaHome.toString())
        .env("OX_TASK_PLUGINS_DIR", "/my/plugins")
        .run(temp);

    assertThat(Files.readAllLines(record)).contains("OX_TASK_PLUGINS_DIR=/my/plugins");
  }

  @Test
  void unbuiltCheckoutSaysToPackageFirst() throws Exception {
    Path checkout = Files.createDirectories(temp.resolve("fresh clone"));
    Files.copy(
        Installation.repository().resolve("ox_task"),
        checkout.resolve("ox_task"),
        StandardCopyOption.COPY_ATTRIBUTES);

    Outcome outcome = Launch.of(checkout.resolve("ox_task"), "--version").run(temp);

    assertThat(outcome.stderrLines())
        .containsExactly(
            "ox_task: ox-task is not built yet in "
                + checkout.toRealPath()
                + ": run ./mvnw -B -q package -DskipTests first");
    assertThat(outcome.exitCode()).isEqualTo(1);
  }
}
