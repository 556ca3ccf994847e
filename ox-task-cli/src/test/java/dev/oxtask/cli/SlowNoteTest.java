package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notes that take long or never answer, with the real SlackWebhook plugin JAR: they hold up no job,
 * the run says which one it waits for, and SIGTERM ends the run promptly with its report.
 */
class SlowNoteTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aNoteBeingSentDoesNotHoldUpTheNextJob() throws Exception {
    Path released = dir.resolve("released");
    HttpServer slack =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // Answers only once the next job has run (it creates the file); 500 when it never does.
    slack.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(released) && System.nanoTime() < deadline) {
              sleep(20);
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Files.exists(released) ? 200 : 500, ok.length);
            exchange.getResponseBody().write(ok);
          }
        });
    slack.start();
    try {
      String url = "http://127.0.0.1:" + slack.getAddress().getPort() + "/services/T/B/x";
      Path plan = plan(url, 30, "\"second\": {\"command\": [\"touch\", \"" + released + "\"]}");

      int exit = run(plan);

      assertThat(exit).as(console()).isEqualTo(0);
      assertThat(console()).doesNotContain("note failed");
    } finally {
      slack.stop(0);
    }
  }

  @Test
  void theRunSaysWhichNoteItWaitsForAndTheNotesTimeoutEndsTheWait() throws Exception {
    try (SilentServer slack = new SilentServer()) {
      Path plan = plan(slack.url(), 2, "\"second\": {\"command\": \"true\"}");

      int exit = run(plan);

      assertThat(exit).as(console()).isEqualTo(1);
      assertThat(console())
          .contains("✓ second  success")
          .contains("ox_task: waiting for note 'slack' (of job 'first') to be delivered\n")
          .contains("  note failed: note 'slack' (SlackWebhook) failed: ")
          .contains("ox_task: 2 jobs in ");
    }
  }

  @Test
  void sigtermWhileANoteIsBeingSentWritesTheReportAndStateAndExits130Promptly() throws Exception {
    try (SilentServer slack = new SilentServer()) {
      Path plan = plan(slack.url(), 60, "\"second\": {\"command\": \"true\"}");
      Path report = dir.resolve("report.json");
      Path work = dir.resolve("work");
      Process ox =
          new ProcessBuilder(
                  MainProcess.command(
                      "run",
                      "--plugins-dir",
                      pluginsDir().toString(),
                      "--work-dir",
                      work.toString(),
                      "--report",
                      report.toString(),
                      plan.toString()))
              .redirectOutput(dir.resolve("out.txt").toFile())
              .redirectError(dir.resolve("err.txt").toFile())
              .redirectInput(new File("/dev/null"))
              .start();
      try {
        assertThat(slack.awaitConnection(60)).as("the note connected").isTrue();

        ox.destroy(); // SIGTERM

        // GitHub Actions sends SIGKILL 7.5 s after SIGTERM.
        assertThat(ox.waitFor(7, TimeUnit.SECONDS)).as("exited before SIGKILL").isTrue();
      } finally {
        ox.destroyForcibly();
      }
      assertThat(ox.exitValue()).isEqualTo(130);
      JsonNode json = new ObjectMapper().readTree(report.toFile());
      assertThat(json.get("interrupted").asBoolean()).isTrue();
      assertThat(json.get("jobs").get(0).get("status").asText()).isEqualTo("success");
      assertThat(json.get("jobs").get(0).get("note_error").asText())
          .isEqualTo(
              "note 'slack' of job 'first' was not delivered: ox_task was interrupted while it"
                  + " was being sent");
      assertThat(work.resolve("state.json")).exists();
      assertThat(Files.readString(dir.resolve("out.txt"))).contains("ox_task: interrupted; ");
    }
  }

  /** Job {@code first} posts to {@code url}; {@code more} are further jobs. */
  private Path plan(String url, int timeout, String more) throws IOException {
    String plan =
        """
        {"envs": {"slack": {"variables": {"SLACK_WEBHOOK_URL": "%s"},
                            "secrets": ["SLACK_WEBHOOK_URL"]}},
         "notes": {"slack": {"class_name": "SlackWebhook", "webhook_url": "$SLACK_WEBHOOK_URL",
                             "retries": 0, "timeout": %d}},
         "jobs": {"first": {"env": "slack", "command": "true", "note": "slack"}, %s}}
        """
            .formatted(url, timeout, more);
    return Files.writeString(dir.resolve("slow.json"), plan);
  }

  private int run(Path plan) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", "--plugins-dir", pluginsDir().toString()));
    args.addAll(List.of("--work-dir", dir.resolve("work").toString(), plan.toString()));
    return Main.run(
        args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String console() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  private static Path pluginsDir() {
    Path plugins = Path.of("..", "plugins").toAbsolutePath().normalize();
    assertThat(plugins.toFile().list((d, name) -> name.startsWith("ox-task-notes-slack-")))
        .as("the SlackWebhook plugin JAR in %s: build it with ./mvnw package", plugins)
        .isNotEmpty();
    return plugins;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
