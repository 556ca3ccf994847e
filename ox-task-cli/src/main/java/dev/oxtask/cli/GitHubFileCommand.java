package dev.oxtask.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ox_task github-file}: downloads a file from GitHub (or any http(s) URL). */
@Command(
    name = "github-file",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Downloads a file. A GitHub page URL (https://github.com/OWNER/REPO/blob/REF/PATH) is"
          + " fetched from raw.githubusercontent.com; any other http(s) URL is fetched as it is.",
      "Set "
          + RemoteFile.RAW_BASE_VARIABLE
          + " to fetch GitHub files from a mirror instead (used by tests)."
    })
final class GitHubFileCommand implements Callable<Integer> {

  @ParentCommand OxTaskCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "What to download")
  String url;

  @Option(
      names = "--outfile",
      required = true,
      paramLabel = "FILE",
      description = "Where to write it (parent folders are created)")
  Path outfile;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "Limit for connecting and for the answer (default: ${DEFAULT-VALUE})")
  double timeout;

  @Mixin DebugOption debug;

  @Override
  public Integer call() {
    RemoteFile file = remoteFile(spec, parent.context.environment(), url, "--url");
    try {
      file.downloadTo(outfile, timeout(spec, timeout));
      return ExitCode.OK;
    } catch (RemoteFile.FetchException e) {
      parent.err.println("ox_task github-file: " + e.getMessage());
      return ExitCode.FAILED;
    }
  }

  /**
   * {@code url} as a {@link RemoteFile} ({@code environment} may name another raw base), or a usage
   * error naming {@code option}.
   */
  static RemoteFile remoteFile(
      CommandSpec spec, Map<String, String> environment, String url, String option) {
    String rawBase = environment.get(RemoteFile.RAW_BASE_VARIABLE);
    return RemoteFile.of(
            url, rawBase == null || rawBase.isBlank() ? RemoteFile.GITHUB_RAW_BASE : rawBase)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    option + " must be an http:// or https:// URL, was '" + url + "'"));
  }

  /** {@code seconds} as a Duration, or a usage error when it is not positive. */
  static Duration timeout(CommandSpec spec, double seconds) {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new ParameterException(
          spec.commandLine(), "--timeout must be a positive number of seconds, was " + seconds);
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
