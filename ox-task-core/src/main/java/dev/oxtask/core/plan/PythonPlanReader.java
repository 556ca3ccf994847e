package dev.oxtask.core.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates a {@code .py} plan with Python and reads its module-level {@code envs}, {@code notes},
 * {@code jobs} and {@code description} as JSON.
 */
final class PythonPlanReader {

  private static final String SCRIPT = script();
  private static final String MARKER = "\n@@ox_task@@\n";
  private static final int MODULE_RAISED = 3;
  private static final int NOT_JSON = 4;

  private final String python;
  private final Duration timeout;

  PythonPlanReader(String python, Duration timeout) {
    this.python = python;
    this.timeout = timeout;
  }

  /** The plan's tree, or empty with one problem reported when Python fails. */
  Optional<Node> read(Path file, List<Diagnostic> problems) {
    SourceLocation at = SourceLocation.of(file);
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("ox_task-plan-", ".json");
      stderr = Files.createTempFile("ox_task-plan-", ".err");
      Process process =
          new ProcessBuilder(python, "-c", SCRIPT, file.toString())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      process.getOutputStream().close(); // the plan sees end of input, never a waiting terminal
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        problems.add(
            new Diagnostic(
                at,
                "",
                "the Python plan did not finish within "
                    + timeout.toSeconds()
                    + " s; a plan module should only define envs, notes and jobs"));
        return Optional.empty();
      }
      String error = new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8);
      int exit = process.exitValue();
      if (exit != 0) {
        problems.add(new Diagnostic(at, "", failure(exit, error)));
        return Optional.empty();
      }
      String json = new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8);
      return new JsonTreeReader(file, false, problems).read(json);
    } catch (IOException e) {
      problems.add(
          new Diagnostic(
              at,
              "",
              "cannot run '"
                  + python
                  + "' to read this Python plan ("
                  + e.getMessage()
                  + "); install Python 3 or set $OX_TASK_PYTHON to its path"));
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add(new Diagnostic(at, "", "interrupted while Python read the plan"));
      return Optional.empty();
    } finally {
      delete(stdout);
      delete(stderr);
    }
  }

  private static String failure(int exit, String stderr) {
    int marker = stderr.lastIndexOf(MARKER);
    String detail = marker >= 0 ? stderr.substring(marker + MARKER.length()).strip() : "";
    if (exit == MODULE_RAISED) {
      return "the Python plan raised an error:\n" + indent(detail);
    }
    if (exit == NOT_JSON) {
      return "envs, notes, jobs and description of a Python plan must be made of dicts, lists,"
          + " strings, numbers, booleans and None: "
          + detail;
    }
    String tail = tail(stderr.strip());
    return "Python failed (exit "
        + exit
        + ") reading the plan"
        + (tail.isEmpty() ? "" : ":\n" + indent(tail));
  }

  private static String indent(String text) {
    return text.lines().map(line -> "  " + line).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  private static void delete(Path file) {
    if (file != null) {
      if (!file.toFile().delete()) {
        file.toFile().deleteOnExit();
      }
    }
  }

  private static String script() {
    try (InputStream in = PythonPlanReader.class.getResourceAsStream("read_py_plan.py")) {
      if (in == null) {
        throw new IllegalStateException("read_py_plan.py is missing from the ox-task-core JAR");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
