package dev.oxtask.core.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Fails a test class loudly when {@code python3} with {@code venv} and {@code ensurepip} is
 * missing: these tests must never pass, or be skipped, without the real thing.
 */
public final class PythonRequired {

  private PythonRequired() {}

  public static void check() throws InterruptedException {
    String problem;
    try {
      Process python =
          new ProcessBuilder("python3", "-c", "import venv, ensurepip")
              .redirectErrorStream(true)
              .start();
      python.getOutputStream().close();
      String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!python.waitFor(60, TimeUnit.SECONDS)) {
        python.destroyForcibly();
        problem = "'python3 -c \"import venv, ensurepip\"' did not finish within 60s";
      } else {
        problem = python.exitValue() == 0 ? null : output.strip();
      }
    } catch (IOException e) {
      problem = e.getMessage();
    }
    if (problem != null) {
      fail(
          "These tests need python3 with its venv and ensurepip modules on PATH"
              + " (Debian: apt-get install python3 python3-venv python3-pip): "
              + problem);
    }
  }
}
