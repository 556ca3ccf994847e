package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ox_task github-file} against a real HTTP server on 127.0.0.1. */
class GitHubFileCommandTest {

  @TempDir Path dir;
  private LocalHttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server =
        new LocalHttpServer(
            Map.of(
                "/files/notes.txt", "first line\nsecond line\n",
                "/aocks/ox_task/main/src/tool.py", "print('raw')\n"));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void downloadsAnHttpUrlIntoOutfileCreatingFolders() throws IOException {
    Path target = dir.resolve("a/b/notes.txt");

    CliRun run =
        CliRun.of(
            "github-file",
            "--url",
            server.base() + "/files/notes.txt",
            "--outfile",
            target.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(target).hasContent("first line\nsecond line\n");
  }

  @Test
  void non200AnswerIsAClearErrorAndWritesNothing() {
    Path target = dir.resolve("missing.txt");

    CliRun run =
        CliRun.of(
            "github-file", "--url", server.base() + "/nope.txt", "--outfile", target.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "ox_task github-file: GET "
                + server.base()
                + "/nope.txt answered HTTP 404; check the URL\n");
    assertThat(target).doesNotExist();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void serverThatDoesNotAnswerInTimeIsAnError() {
    CliRun run =
        CliRun.of(
            "github-file",
            "--url",
            server.base() + "/slow/file.txt",
            "--outfile",
            dir.resolve("slow.txt").toString(),
            "--timeout",
            "0.5");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "ox_task github-file: GET "
                + server.base()
                + "/slow/file.txt got no answer within 0.5s (raise --timeout)\n");
  }

  @Test
  void nonHttpUrlIsAUsageError() {
    CliRun run = CliRun.of("github-file", "--url", "ftp://x/y", "--outfile", "y");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ox_task: --url must be an http:// or https:// URL, was 'ftp://x/y'"
                + " (see 'ox_task github-file --help')\n");
  }

  @Test
  void githubPageUrlIsFetchedFromItsRawFormUnderTheRawBase() throws Exception {
    // A real ox_task process, since the raw base comes from its environment.
    Path target = dir.resolve("tool.py");
    List<String> command =
        MainProcess.command(
            "github-file",
            "--url",
            "https://github.com/aocks/ox_task/blob/main/src/tool.py",
            "--outfile",
            target.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(RemoteFile.RAW_BASE_VARIABLE, server.base());
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(server.requested()).containsExactly("/aocks/ox_task/main/src/tool.py");
    assertThat(target).hasContent("print('raw')\n");
  }
}
