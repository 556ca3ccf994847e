package dev.oxtask.core.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Evaluates a {@code .py} plan with Python and reads its module-level {@code envs}, {@code notes},
 * {@code jobs} and {@code description} as JSON. While the plan runs, a small {@code ox_task}
 * package (the original's {@code ox_task.core.models}, as plain dicts) is last on its {@code
 * sys.path}, so plans that import it load without the original installed.
 */
final class PythonPlanReader {

  private static final String SCRIPT = resource("read_py_plan.py");
  private static final List<String> SHIM =
      List.of("ox_task/__init__.py", "ox_task/core/__init__.py", "ox_task/core/models.py");
  private static final String MARKER = "\n@@ox_task@@\n";
  private static final int MODULE_RAISED = 3;
  private static final int NOT_JSON = 4;

  private final String python;
  private final Duration timeout;

  PythonPlanReader(String python, Duration timeout) {
    this.python = python;
    this.timeout = timeout;
  }

  /**
   * The plan's tree, or empty with one problem reported when Python fails; a module-level {@code
   * description} that is not text is left out with a warning.
   */
  Optional<Node> read(Path file, List<Diagnostic> problems, List<Diagnostic> warnings) {
    SourceLocation at = SourceLocation.of(file);
    Path stdout = null;
    Path stderr = null;
    Path shim = null;
    try {
      stdout = Files.createTempFile("ox_task-plan-", ".json");
      stderr = Files.createTempFile("ox_task-plan-", ".err");
      shim = writeShim();
      Process process =
          new ProcessBuilder(python, "-c", SCRIPT, file.toString(), shim.toString())
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
      return new JsonTreeReader(file, false, problems)
          .read(json)
          .flatMap(printed -> plan(printed, at, problems, warnings));
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
      deleteTree(shim);
    }
  }

  /** The {@code plan} that read_py_plan.py printed, warning when it left the description out. */
  private static Optional<Node> plan(
      Node printed, SourceLocation at, List<Diagnostic> problems, List<Diagnostic> warnings) {
    if (!(printed instanceof Node.Obj envelope && envelope.members().containsKey("plan"))) {
      problems.add(
          new Diagnostic(
              at, "", "Python printed something other than the plan; check $OX_TASK_PYTHON"));
      return Optional.empty();
    }
    if (envelope.members().containsKey("description_ignored")) {
      warnings.add(
          new Diagnostic(
              at,
              "description",
              "ignored: the module-level 'description' is not a string or a list of strings"
                  + " (the original ox_task read only envs, notes and jobs)"));
    }
    return Optional.of(envelope.members().get("plan").value());
  }

  /** The ox_task shim, written to a new temporary folder. */
  private static Path writeShim() throws IOException {
    Path folder = Files.createTempDirectory("ox_task-shim-");
    for (String file : SHIM) {
      Path target = folder.resolve(file);
      Files.createDirectories(target.getParent());
      Files.writeString(target, resource("shim/" + file), StandardCharsets.UTF_8);
    }
    return folder;
  }

  private static String failure(int exit, String stderr) {
    int marker = stderr.lastIndexOf(MARKER);
    String detail = marker >= 0 ? stderr.substring(marker + MARKER.length()).strip() : "";
    if (exit == MODULE_RAISED) {
      return "the Python plan raised an error:\n" + indent(detail);
    }
    if (exit == NOT_JSON) {
      return "envs, notes, jobs and description of a Python plan must be made of dicts, lists,"
          + " tuples, sets, strings, numbers, booleans and None: "
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

  /** Deletes {@code folder} and what Python wrote into it ({@code __pycache__}). */
  private static void deleteTree(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(PythonPlanReader::delete);
    } catch (IOException e) {
      folder.toFile().deleteOnExit(); // a temporary folder; the OS cleans it up eventually
    }
  }

  private static String resource(String name) {
    try (InputStream in = PythonPlanReader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the ox-task-core JAR");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
