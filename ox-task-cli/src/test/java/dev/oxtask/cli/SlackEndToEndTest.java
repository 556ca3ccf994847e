package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs plans through the command line with the real SlackWebhook plugin JAR from {@code
 * <repo>/target/plugins}, posting to a Slack stand-in on 127.0.0.1.
 */
class SlackEndToEndTest {

  private static final String TOKEN = "e2eSeCrEtToKeN987654321";
  private static final String PATH = "/services/T0E2E/B0E2E/" + TOKEN;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String answer = "ok";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startSlack() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        PATH,
        exchange -> {
          try (exchange) {
            bodies.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream body = exchange.getResponseBody()) {
              body.write(bytes);
            }
          }
        });
    server.start();
  }

  @AfterEach
  void stopSlack() {
    server.stop(0);
  }

  @Test
  void runPostsEachJobsResultThroughThePluginJar() throws Exception {
    Path plan =
        plan(
            """
            "hello": {"env": "slack", "command": ["sh", "-c", "echo hello from ox-task"],
                      "note": "slack"},
            "broken": {"env": "slack", "command": ["sh", "-c", "echo oops >&2; exit 3"],
                       "note": "slack"}
            """);

    int exit = run(plan);

    assertThat(exit).as(console()).isEqualTo(1);
    assertThat(bodies).hasSize(2);
    JsonNode hello = JSON.readTree(bodies.get(0));
    assertThat(hello.get("text").asText()).startsWith("✅ hello succeeded in ");
    assertThat(hello.at("/blocks/2/text/text").asText())
        .isEqualTo("*Output*\n```\nhello from ox-task\n```");
    JsonNode broken = JSON.readTree(bodies.get(1));
    assertThat(broken.get("text").asText()).isEqualTo("<!here> ❌ broken failed (exit 3)");
    assertThat(broken.toString()).contains("*Stderr*\\n```\\noops\\n```");
    assertThat(console()).doesNotContain(TOKEN);
  }

  @Test
  void slacksRefusalIsReportedOnceWithoutTheUrlEvenWithDebug() throws Exception {
    status = 404;
    answer = "no_service";
    Path plan =
        plan(
            """
            "hello": {"env": "slack", "command": ["sh", "-c", "echo hi"], "note": "slack"}
            """);

    int exit = run(plan, "--debug");

    assertThat(exit).as(console()).isEqualTo(1);
    assertThat(bodies).hasSize(1);
    assertThat(console())
        .contains("refused the message: HTTP 404 no_service")
        .contains("127.0.0.1:" + server.getAddress().getPort())
        .doesNotContain(TOKEN)
        .doesNotContain("/services/");
  }

  @Test
  void unsetWebhookVariableIsNamedAndNothingIsPosted() throws Exception {
    Path plan =
        Files.writeString(
            dir.resolve("unset.json"),
            """
            {"notes": {"slack": {"class_name": "SlackWebhook",
                                 "webhook_url": "$OX_TASK_E2E_UNSET_WEBHOOK_URL"}},
             "jobs": {"hello": {"command": ["sh", "-c", "echo hi"], "note": "slack"}}}
            """);

    int exit = run(plan);

    assertThat(exit).as(console()).isEqualTo(1);
    assertThat(bodies).isEmpty();
    assertThat(console())
        .contains(
            "unset.json:2:22: notes.slack.webhook_url: $OX_TASK_E2E_UNSET_WEBHOOK_URL is"
                + " not set by any env of the plan, by ox_task or in the runner's environment, so"
                + " the note will fail when it is sent")
        .contains(
            "note 'slack' (SlackWebhook) failed: option webhook_url uses"
                + " $OX_TASK_E2E_UNSET_WEBHOOK_URL, not set in the job's environment; set it in the"
                + " runner's environment or in the job's env");
  }

  private Path plan(String jobs) throws IOException {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    String plan =
        """
        {"envs": {"slack": {"variables": {"SLACK_WEBHOOK_URL": "%s"},
                            "secrets": ["SLACK_WEBHOOK_URL"]}},
         "notes": {"slack": {"class_name": "SlackWebhook", "webhook_url": "$SLACK_WEBHOOK_URL",
                             "mention_on_failure": "<!here>", "retries": 0}},
         "jobs": {%s}}
        """
            .formatted(url, jobs);
    return Files.writeString(dir.resolve("slack.json"), plan);
  }

  private int run(Path plan, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", "--plugins-dir", pluginsDir().toString()));
    args.addAll(List.of("--work-dir", dir.resolve("work").toString()));
    args.addAll(List.of(extra));
    args.add(plan.toString());
    return Main.run(
        args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String console() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  /** {@code <repo>/target/plugins}, where the build puts the real plugin JAR before this runs. */
  private static Path pluginsDir() throws IOException {
    Path plugins = Path.of(System.getProperty("ox-task.plugins.dir", "../target/plugins"));
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(plugins, "ox-task-notes-slack-*.jar")) {
      assertThat(jars.iterator().hasNext())
          .as("the SlackWebhook plugin JAR in %s: build it with ./mvnw package", plugins)
          .isTrue();
    }
    return plugins;
  }
}
