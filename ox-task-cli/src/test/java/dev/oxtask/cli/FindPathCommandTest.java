package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.testing.PythonRequired;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ox_task find-path} asking the real python3. */
class FindPathCommandTest {

  @BeforeAll
  static void needsPython() throws InterruptedException {
    PythonRequired.check();
  }

  @Test
  void printsTheFileOfAStandardLibraryModule() throws Exception {
    CliRun run = CliRun.of("find-path", "json");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(python("import json; print(json.__file__)"));
    assertThat(Path.of(run.out().strip())).endsWith(Path.of("json", "__init__.py")).exists();
  }

  @Test
  void printsTheFileOfASubmodule() throws Exception {
    CliRun run = CliRun.of("find-path", "email.mime.text");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(python("import email.mime.text as m; print(m.__file__)"));
  }

  @Test
  void unknownModuleIsAnErrorNamingThePython() throws Exception {
    CliRun run = CliRun.of("find-path", "no_such_module_here.sub");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "ox_task find-path: no module named 'no_such_module_here.sub' for python3 ("
                + python("import sys; print(sys.executable)").strip()
                + "); check the name, or add its package to the env's requirements\n");
  }

  @Test
  void builtInModuleHasNoFile() throws Exception {
    CliRun run = CliRun.of("find-path", "sys");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "ox_task find-path: module 'sys' has no file for python3 ("
                + python("import sys; print(sys.executable)").strip()
                + ") (it is built in, frozen or a namespace package)\n");
  }

  @Test
  void missingRuntimeIsNamed() {
    CliRun run = CliRun.of("find-path", "json", "--runtime", "python3.99");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "ox_task find-path: cannot run 'python3.99' (No such file or directory);"
                + " install Python 3 or pass --runtime\n");
  }

  private static String python(String code) throws Exception {
    Process process = new ProcessBuilder("python3", "-c", code).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
