package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ox_task run} with the real e-mail plugin JAR from {@code <repo>/target/plugins} (built by
 * ox-task-notes-email) and GreenMail on 127.0.0.1 as the SMTP server.
 */
class EmailEndToEndTest {

  private static final String PASSWORD = "s3cret-smtp-pw";

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig().withUser("ox@example.org", "ox", PASSWORD));

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path plugins;

  @BeforeEach
  void findTheEmailPlugin() throws IOException {
    plugins = Path.of(System.getProperty("ox-task.plugins.dir", "../target/plugins"));
    try (Stream<Path> files = Files.list(plugins)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("the e-mail plugin JAR in %s: build it with ./mvnw package", plugins)
          .anyMatch(name -> name.startsWith("ox-task-notes-email-") && name.endsWith(".jar"));
    }
  }

  @Test
  void runMailsAFailedJobsResultThroughThePluginJar() throws Exception {
    Path plan = plan(PASSWORD, "[\"sh\", \"-c\", \"echo hello from the job; exit 3\"]");

    int exitCode = run(plan);

    assertThat(exitCode).as(console()).isEqualTo(ExitCode.FAILED);
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(2); // alice and bob
    MimeMessage mail = received[0];
    assertThat(mail.getSubject()).isEqualTo("[ox_task] failed: greet");
    assertThat(mail.getHeader("To")).containsExactly("alice@example.org, bob@example.org");
    assertThat(mail.getContentType()).startsWith("multipart/alternative;");
    String text = (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
    assertThat(text.replace("\r\n", "\n"))
        .contains("Job:       greet\n")
        .contains("Exit code: 3\n")
        .contains("Output:\nhello from the job\n")
        .doesNotContain(PASSWORD);
    assertThat(console()).doesNotContain(PASSWORD);
  }

  @Test
  void undeliverableMailIsReportedWithoutThePasswordAndMakesTheRunExit1() throws Exception {
    Path plan = plan("wrong-" + PASSWORD, "[\"true\"]");

    int exitCode = run(plan);

    assertThat(exitCode).as(console()).isEqualTo(ExitCode.FAILED);
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    assertThat(console())
        .contains(
            "authentication failed for user ox at 127.0.0.1:"
                + greenMail.getSmtp().getPort()
                + " (server said: 535 5.7.8  Authentication credentials invalid) — check username"
                + " and password; for Gmail use an app password")
        .doesNotContain(PASSWORD);
  }

  @Test
  void theEmailExamplePlanValidatesWithThePlugin() {
    Path example = Path.of("..", "examples", "email.json").toAbsolutePath().normalize();

    int exitCode =
        Main.run(
            new String[] {"validate", "--plugins-dir", plugins.toString(), example.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exitCode).as(console()).isEqualTo(ExitCode.OK);
  }

  private int run(Path plan) {
    return Main.run(
        new String[] {
          "run",
          plan.toString(),
          "--plugins-dir",
          plugins.toString(),
          "--work-dir",
          dir.resolve("work").toString()
        },
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** A plan whose one job mails its result; the password comes from the env, as a secret. */
  private Path plan(String password, String command) throws IOException {
    String json =
        """
        {
          "envs": {
            "mail": {
              "variables": {"SMTP_PASSWORD": "%s"},
              "secrets": ["SMTP_PASSWORD"]
            }
          },
          "notes": {
            "mail": {
              "class_name": "SmtpEmail",
              "host": "127.0.0.1",
              "port": %d,
              "security": "none",
              "username": "ox",
              "password": "$SMTP_PASSWORD",
              "retries": 0,
              "from": "ox@example.org",
              "to": ["alice@example.org", "bob@example.org"]
            }
          },
          "jobs": {
            "greet": {"env": "mail", "command": %s, "note": "mail"}
          }
        }
        """
            .formatted(password, greenMail.getSmtp().getPort(), command);
    return Files.writeString(dir.resolve("plan.json"), json);
  }

  private String console() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }
}
