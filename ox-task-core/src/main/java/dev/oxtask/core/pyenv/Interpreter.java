package dev.oxtask.core.pyenv;

import dev.oxtask.core.run.PythonEnvs.EnvSetupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Python an env's venv is made from, as it reports itself: its version and executable (both
 * part of the env's hash, since a venv only works with the interpreter it was made from).
 *
 * @param runtime the command, e.g. {@code python3.11}
 * @param version {@code sys.version} on one line
 * @param executable {@code sys.executable}
 */
record Interpreter(String runtime, String version, String executable) {

  private static final String PROBE =
      "import sys; print(sys.version.replace('\\n', ' ')); print(sys.executable)";

  /** Asks {@code runtime} for its version, for env {@code envName}. */
  static Interpreter probe(
      String envName,
      String runtime,
      Path cwd,
      Map<String, String> environment,
      EnvLog log,
      Instant deadline)
      throws EnvSetupException, IOException, InterruptedException, BuildCommand.DeadlineException {
    Path answer = Files.createTempFile("ox_task-python-", ".txt");
    try {
      log.note("$ " + runtime + " -c '" + PROBE + "'");
      int exit;
      try {
        exit = BuildCommand.run(List.of(runtime, "-c", PROBE), cwd, environment, answer, deadline);
      } catch (IOException e) {
        throw new EnvSetupException(cannotStart(envName, runtime, e));
      }
      List<String> lines = Files.readAllLines(answer, StandardCharsets.UTF_8);
      Files.write(
          log.file(),
          lines,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      if (exit != 0 || lines.size() < 2) {
        throw new EnvSetupException(
            "env '"
                + envName
                + "': its runtime '"
                + runtime
                + "' did not report its version (exit "
                + exit
                + "); last lines of "
                + log.file()
                + ":\n"
                + log.tail(EnvBuild.TAIL_LINES));
      }
      return new Interpreter(runtime, lines.get(0), lines.get(1));
    } finally {
      Files.deleteIfExists(answer);
    }
  }

  private static String cannotStart(String envName, String runtime, IOException e) {
    // ProcessBuilder says "Cannot run program ...: error=2, No such file or directory"; the
    // cause holds just the reason.
    String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    reason = reason.replaceFirst("^error=\\d+, ", "");
    String fix =
        runtime.equals(VenvBuilder.DEFAULT_RUNTIME)
            ? "install Python 3 with its venv module, or set envs." + envName + ".runtime"
            : "install that Python, or change envs." + envName + ".runtime";
    return "env '"
        + envName
        + "': cannot start its runtime '"
        + runtime
        + "' ("
        + reason
        + "); "
        + fix;
  }
}
