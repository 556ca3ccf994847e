package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.testing.PythonRequired;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ox_task pyscript} with the real python3 and a real HTTP server on 127.0.0.1. */
class PyscriptCommandTest {

  private static final String SCRIPT =
      String.join(
          "\n",
          "import sys",
          "print('hello', *sys.argv[1:])",
          "print('from ' + __file__.rsplit('/', 1)[-1], file=sys.stderr)",
          "print(__file__)",
          "sys.exit(3)",
          "");

  @TempDir Path dir;
  private LocalHttpServer server;

  @BeforeAll
  static void needsPython() throws InterruptedException {
    PythonRequired.check();
  }

  @BeforeEach
  void startServer() throws IOException {
    server = new LocalHttpServer(Map.of("/scripts/tool.py", SCRIPT));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void localScriptGetsItsArgumentsAndPassesOutputAndExitCodeOn() throws IOException {
    Path script = Files.writeString(dir.resolve("local.py"), SCRIPT);

    CliRun run = CliRun.of("pyscript", "--path", script.toString(), "--", "a", "--b");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEqualTo("hello a --b\n" + script + "\n");
    assertThat(run.err()).isEqualTo("from local.py\n");
  }

  @Test
  void downloadedScriptRunsFromATemporaryFileThatIsDeletedAfterwards() {
    CliRun run = CliRun.of("pyscript", "--github-url", server.base() + "/scripts/tool.py");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).isEqualTo("from tool.py\n");
    String[] lines = run.out().split("\n");
    assertThat(lines[0]).isEqualTo("hello");
    assertThat(Path.of(lines[1])).doesNotExist();
    assertThat(server.requested()).containsExactly("/scripts/tool.py");
  }

  @Test
  void downloadWithPathKeepsTheScriptThere() {
    Path keep = dir.resolve("kept/tool.py");

    CliRun run =
        CliRun.of(
            "pyscript",
            "--github-url",
            server.base() + "/scripts/tool.py",
            "--path",
            keep.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEqualTo("hello\n" + keep + "\n");
    assertThat(keep).hasContent(SCRIPT);
  }

  @Test
  void scriptThatOutlivesTheTimeoutIsStoppedWithItsChildren() throws IOException {
    Path script =
        Files.writeString(
            dir.resolve("slow.py"),
            "import subprocess, time\n"
                + "subprocess.Popen(['sleep', '600'])\n"
                + "print('started', flush=True)\n"
                + "time.sleep(600)\n");

    CliRun run = CliRun.of("pyscript", "--path", script.toString(), "--timeout", "2");

    assertThat(run.exitCode()).isEqualTo(PyscriptCommand.TIMED_OUT);
    assertThat(run.out()).isEqualTo("started\n");
    assertThat(run.err())
        .isEqualTo(
            "ox_task pyscript: "
                + script
                + " did not finish within 2s and was stopped"
                + " (raise --timeout)\n");
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void failedDownloadIsAnErrorAndRunsNothing() {
    CliRun run = CliRun.of("pyscript", "--github-url", server.base() + "/scripts/gone.py");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "ox_task pyscript: GET "
                + server.base()
                + "/scripts/gone.py answered HTTP 404; check the URL\n");
  }

  @Test
  void missingRuntimeIsNamed() throws IOException {
    Path script = Files.writeString(dir.resolve("local.py"), SCRIPT);

    CliRun run = CliRun.of("pyscript", "--path", script.toString(), "--runtime", "python3.99");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "ox_task pyscript: cannot run 'python3.99' (No such file or directory);"
                + " install it or pass another --runtime\n");
  }

  @Test
  void scriptIsRequired() {
    CliRun run = CliRun.of("pyscript");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ox_task: give --github-url URL or --path FILE (see 'ox_task pyscript --help')\n");
  }

  @Test
  void missingLocalScriptIsAUsageError() {
    CliRun run = CliRun.of("pyscript", "--path", dir.resolve("nope.py").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ox_task: --path: no such file: "
                + dir.resolve("nope.py")
                + " (see 'ox_task pyscript --help')\n");
  }
}
