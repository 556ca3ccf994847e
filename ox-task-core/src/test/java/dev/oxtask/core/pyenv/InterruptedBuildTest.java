package dev.oxtask.core.pyenv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.testing.PythonRequired;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ox_task process stopped by SIGTERM while pip runs leaves no pip behind. */
class InterruptedBuildTest {

  @TempDir Path work;
  @TempDir Path root;

  @BeforeAll
  static void needsPython() throws InterruptedException {
    PythonRequired.check();
  }

  @Test
  void sigtermDuringABuildStopsPipAndLeavesNoCompleteEnv() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Process jvm =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  BuildUntilStopped.class.getName(),
                  work.toString(),
                  root.toString(),
                  "http://127.0.0.1:" + silent.getLocalPort() + "/simple")
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("jvm.out").toFile())
              .start();
      try {
        List<ProcessHandle> pip = awaitPip(jvm);

        jvm.destroy(); // SIGTERM, as a cancelled CI job or Ctrl-C in a terminal sends

        assertThat(jvm.waitFor(2, TimeUnit.MINUTES)).isTrue();
        for (ProcessHandle process : pip) {
          assertThat(process.onExit()).succeedsWithin(java.time.Duration.ofSeconds(30));
        }
        assertThat(pip).noneMatch(ProcessHandle::isAlive);
        assertThat(new EnvStore(work).list()).noneMatch(EnvStore.EnvInfo::complete);
      } finally {
        jvm.destroyForcibly();
      }
    }
  }

  /** The pip processes under {@code jvm}, once its build has got that far. */
  private List<ProcessHandle> awaitPip(Process jvm) throws Exception {
    Instant giveUp = Instant.now().plusSeconds(180);
    while (true) {
      List<ProcessHandle> pip =
          jvm.descendants()
              .filter(p -> p.info().commandLine().orElse("").contains("-m pip install"))
              .toList();
      if (!pip.isEmpty()) {
        return pip;
      }
      assertThat(jvm.isAlive())
          .as("the build JVM ended early: %s", Files.readString(work.resolve("jvm.out")))
          .isTrue();
      assertThat(Instant.now()).as("waiting for pip to start").isBefore(giveUp);
      Thread.sleep(100);
    }
  }
}
