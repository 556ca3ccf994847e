package dev.oxtask.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ox_task find-path}: prints the file of a Python module as the job's python finds it, so a
 * plan can write {@code "`ox_task find-path mypkg.tasks`"} and run that file.
 */
@Command(
    name = "find-path",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Prints the file of a Python module, as the python3 on PATH imports it (inside a job: the"
          + " env's venv)."
    })
final class FindPathCommand implements Callable<Integer> {

  // Answers on three lines (kind, interpreter, detail) so nothing is parsed out of prose.
  private static final String LOOKUP =
      String.join(
          "\n",
          "import importlib.util, sys",
          "try:",
          "    spec = importlib.util.find_spec(sys.argv[1])",
          "except ModuleNotFoundError:",
          "    spec = None",
          "except Exception as e:",
          "    print('error'); print(sys.executable); print(type(e).__name__ + ': ' + str(e))",
          "    sys.exit(0)",
          "if spec is None:",
          "    print('missing'); print(sys.executable)",
          "elif not spec.has_location or not spec.origin:",
          "    print('nofile'); print(sys.executable)",
          "else:",
          "    print('file'); print(sys.executable); print(spec.origin)");

  private static final long LOOKUP_TIMEOUT_SECONDS = 60;

  @ParentCommand OxTaskCommand parent;

  @Parameters(paramLabel = "MODULE", description = "A module name, e.g. json or mypkg.tasks")
  String module;

  @Option(
      names = "--runtime",
      defaultValue = "python3",
      paramLabel = "PYTHON",
      description = "The Python to ask (default: ${DEFAULT-VALUE} from PATH)")
  String runtime;

  @Mixin DebugOption debug;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("ox_task-find-path-", ".out");
    Path stderr = Files.createTempFile("ox_task-find-path-", ".err");
    try {
      return lookUp(stdout, stderr);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private int lookUp(Path stdout, Path stderr) throws IOException, InterruptedException {
    Process python;
    try {
      python =
          parent
              .context
              .process(List.of(runtime, "-c", LOOKUP, module))
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
    } catch (IOException e) {
      parent.err.println(
          "ox_task find-path: cannot run '"
              + runtime
              + "' ("
              + PyscriptCommand.reason(e)
              + "); install Python 3 or pass --runtime");
      return ExitCode.FAILED;
    }
    python.getOutputStream().close();
    if (!python.waitFor(LOOKUP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      python.destroyForcibly();
      parent.err.println(
          "ox_task find-path: '"
              + runtime
              + "' did not answer within "
              + LOOKUP_TIMEOUT_SECONDS
              + "s while looking up '"
              + module
              + "'");
      return ExitCode.FAILED;
    }
    List<String> answer = Files.readAllLines(stdout, StandardCharsets.UTF_8);
    if (python.exitValue() != 0 || answer.size() < 2) {
      parent.err.println(
          "ox_task find-path: '"
              + runtime
              + "' could not look up '"
              + module
              + "' (exit "
              + python.exitValue()
              + "): "
              + Files.readString(stderr, StandardCharsets.UTF_8).strip());
      return ExitCode.FAILED;
    }
    return report(answer);
  }

  private int report(List<String> answer) {
    String interpreter = runtime + " (" + answer.get(1) + ")";
    switch (answer.get(0)) {
      case "file":
        parent.out.println(answer.get(2));
        return ExitCode.OK;
      case "missing":
        parent.err.println(
            "ox_task find-path: no module named '"
                + module
                + "' for "
                + interpreter
                + "; check the name, or add its package to the env's requirements");
        return ExitCode.FAILED;
      case "nofile":
        parent.err.println(
            "ox_task find-path: module '"
                + module
                + "' has no file for "
                + interpreter
                + " (it is built in, frozen or a namespace package)");
        return ExitCode.FAILED;
      default:
        parent.err.println(
            "ox_task find-path: cannot look up '"
                + module
                + "' with "
                + interpreter
                + ": "
                + (answer.size() > 2 ? answer.get(2) : "no reason given"));
        return ExitCode.FAILED;
    }
  }
}
