package dev.oxtask.cli;

import dev.oxtask.core.note.DurationText;
import dev.oxtask.core.run.ProcessTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ox_task pyscript}: runs a Python script, fetched from GitHub (or any http(s) URL) first if
 * need be, with the python on PATH, so inside a job it runs in the env's venv.
 */
@Command(
    name = "pyscript",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Runs a Python script with the python3 on PATH (inside a job: the env's venv), passing its"
          + " output and exit code on. With --github-url the script is downloaded first (to --path"
          + " if given, else to a temporary file that is deleted afterwards).",
      "Arguments after -- go to the script. --timeout limits the download and, separately, the"
          + " script's run: a script still running then is stopped with all its processes and"
          + " pyscript exits 124."
    })
final class PyscriptCommand implements Callable<Integer> {

  /** The exit code when the script ran out of time, as coreutils {@code timeout} uses. */
  static final int TIMED_OUT = 124;

  private static final Duration KILL_GRACE = Duration.ofSeconds(5);
  private static final long PUMP_JOIN_MILLIS = 5_000;

  @ParentCommand OxTaskCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--github-url", paramLabel = "URL", description = "Download the script from here")
  String githubUrl;

  @Option(
      names = "--path",
      paramLabel = "FILE",
      description = "The script to run; with --github-url, where to keep the download")
  Path path;

  @Option(
      names = "--runtime",
      defaultValue = "python3",
      paramLabel = "PYTHON",
      description = "The Python to run it with (default: ${DEFAULT-VALUE} from PATH)")
  String runtime;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "Limit for the download and for the run, each (default: ${DEFAULT-VALUE})")
  double timeout;

  @Mixin DebugOption debug;

  @Parameters(paramLabel = "ARGS", description = "Arguments for the script (after --)")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    Duration limit = GitHubFileCommand.timeout(spec, timeout);
    if (githubUrl == null && path == null) {
      throw new ParameterException(spec.commandLine(), "give --github-url URL or --path FILE");
    }
    if (githubUrl == null) {
      if (!Files.isRegularFile(path)) {
        throw new ParameterException(spec.commandLine(), "--path: no such file: " + path);
      }
      return runScript(path, path.toString(), limit);
    }
    RemoteFile remote =
        GitHubFileCommand.remoteFile(spec, parent.context.environment(), githubUrl, "--github-url");
    Path tempDir = path == null ? Files.createTempDirectory("ox_task-pyscript-") : null;
    try {
      Path script = path != null ? path : tempDir.resolve(remote.fileName("script.py"));
      try {
        remote.downloadTo(script, limit);
      } catch (RemoteFile.FetchException e) {
        parent.err.println("ox_task pyscript: " + e.getMessage());
        return ExitCode.FAILED;
      }
      return runScript(script, githubUrl, limit);
    } finally {
      if (tempDir != null) {
        deleteTree(tempDir);
      }
    }
  }

  private int runScript(Path script, String name, Duration limit)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(runtime, script.toString()));
    command.addAll(args);
    Process process;
    try {
      process = parent.context.process(command).start();
    } catch (IOException e) {
      parent.err.println(
          "ox_task pyscript: cannot run '"
              + runtime
              + "' ("
              + reason(e)
              + "); install it or pass another --runtime");
      return ExitCode.FAILED;
    }
    // Like a job, the script reads an empty stdin.
    process.getOutputStream().close();
    Thread outPump = pump(process.getInputStream(), parent.out, parent.err);
    Thread errPump = pump(process.getErrorStream(), parent.err, parent.err);
    boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      new ProcessTree(process).stop(KILL_GRACE);
    }
    // Bounded: a background child of the script may hold the pipes open after it exits.
    outPump.join(PUMP_JOIN_MILLIS);
    errPump.join(PUMP_JOIN_MILLIS);
    parent.out.flush();
    if (!finished) {
      parent.err.println(
          "ox_task pyscript: "
              + name
              + " did not finish within "
              + DurationText.of(limit)
              + " and was stopped (raise --timeout)");
      return TIMED_OUT;
    }
    return process.exitValue();
  }

  private static Thread pump(InputStream from, PrintStream to, PrintStream problems) {
    Thread thread =
        new Thread(
            () -> {
              try (from) {
                from.transferTo(to);
              } catch (IOException e) {
                problems.println("ox_task pyscript: the script's output was cut short: " + e);
              }
              to.flush();
            },
            "ox_task-pyscript-pump");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** The reason in "Cannot run program ...: error=2, No such file or directory". */
  static String reason(IOException e) {
    String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    return reason == null ? e.toString() : reason.replaceFirst("^error=\\d+, ", "");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
