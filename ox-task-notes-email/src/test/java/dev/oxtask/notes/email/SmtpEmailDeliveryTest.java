package dev.oxtask.notes.email;

import static dev.oxtask.notes.email.Results.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.oxtask.core.note.NoteException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SmtpEmail against real SMTP servers on 127.0.0.1: GreenMail and a scripted one. */
class SmtpEmailDeliveryTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig().withUser("bob@example.org", "bob", "s3cret-pw"));

  /** The attempts the note waited before: empty when it never retried. */
  private final List<Integer> waits = new ArrayList<>();

  private final SmtpEmail note = new SmtpEmail(waits::add);

  private int port() {
    return greenMail.getSmtp().getPort();
  }

  @Test
  void deliversTextAndHtmlAlternativesToEveryRecipient() throws Exception {
    note.send(
        options(
            "host", "127.0.0.1",
            "port", port(),
            "security", "none",
            "from", "ox-task@example.org",
            "to", List.of("alice@example.org", "bob@example.org"),
            "cc", "carol@example.org"),
        Results.failed(),
        Results.context());

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(3); // one copy per recipient
    for (String user : List.of("alice@example.org", "bob@example.org", "carol@example.org")) {
      assertThat(greenMail.findReceivedMessages(u -> u.getEmail().equals(user), m -> true))
          .as(user)
          .hasSize(1);
    }
    MimeMessage mail = received[0];
    assertThat(mail.getHeader("From")).containsExactly("ox-task@example.org");
    assertThat(mail.getHeader("To")).containsExactly("alice@example.org, bob@example.org");
    assertThat(mail.getHeader("Cc")).containsExactly("carol@example.org");
    assertThat(mail.getSubject()).isEqualTo("[ox_task] failed: weather");
    assertThat(mail.getContentType()).startsWith("multipart/alternative;");
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=UTF-8");
    assertThat(parts.getBodyPart(1).getContentType()).isEqualTo("text/html; charset=UTF-8");
    assertThat(lf(parts.getBodyPart(0).getContent()))
        .isEqualTo(
            """
            Job:       weather
            Status:    failed
            Exit code: 1
            Duration:  1.2s
            Host:      runner-1
            Command:   python3 fetch.py --city 'São Paulo'
            Run:       https://github.com/octo/tasks/actions/runs/42
            Error:     exited with code 1
            Logs:      /tmp/ox_task/runs/r1/weather.stdout, /tmp/ox_task/runs/r1/weather.stderr

            Output:
            line1
            <b>bold</b> & co

            Stderr:
            Traceback (most recent call last):
            ValueError: bad
            """);
    String html = lf(parts.getBodyPart(1).getContent());
    assertThat(html)
        .contains("<h2>weather: failed</h2>")
        .contains(
            "<tr><th align=\"left\">Command</th><td>python3 fetch.py --city &#39;São Paulo&#39;</td></tr>")
        .contains(
            "<a href=\"https://github.com/octo/tasks/actions/runs/42\">"
                + "https://github.com/octo/tasks/actions/runs/42</a>")
        .contains("<pre>line1\n&lt;b&gt;bold&lt;/b&gt; &amp; co</pre>")
        .contains("<h3>Stderr</h3>\n<pre>Traceback (most recent call last):\nValueError: bad</pre>")
        .doesNotContain("<b>bold</b>");
  }

  @Test
  void subjectOptionReplacesTheDefaultAndKeepsNonAsciiText() throws Exception {
    note.send(
        options(
            "host", "127.0.0.1",
            "port", port(),
            "security", "none",
            "from", "ox-task@example.org",
            "to", "alice@example.org",
            "subject", "Wetter für München ☀"),
        Results.succeeded(),
        Results.context());

    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("Wetter für München ☀");
    assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
  }

  @Test
  void successfulJobMailLeavesStderrOut() throws Exception {
    note.send(
        options(
            "host", "127.0.0.1",
            "port", port(),
            "security", "none",
            "from", "ox-task@example.org",
            "to", "alice@example.org"),
        Results.succeeded(),
        Results.context());

    MimeMultipart parts = (MimeMultipart) greenMail.getReceivedMessages()[0].getContent();
    assertThat(lf(parts.getBodyPart(0).getContent()))
        .contains("Status:    success\n")
        .contains("Output:\ndone\n")
        .doesNotContain("Stderr")
        .doesNotContain("a warning on stderr");
  }

  @Test
  void logsInWithUsernameAndPassword() throws Exception {
    note.send(
        options(
            "host", "127.0.0.1",
            "port", port(),
            "security", "none",
            "username", "bob",
            "password", "s3cret-pw",
            "from", "bob@example.org",
            "to", "alice@example.org"),
        Results.succeeded(),
        Results.context());

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void wrongPasswordFailsAtOnceNamingUserAndServerButNotThePassword() {
    assertThatThrownBy(
            () ->
                note.send(
                    options(
                        "host", "127.0.0.1",
                        "port", port(),
                        "security", "none",
                        "username", "bob",
                        "password", "wrong-pw",
                        "from", "bob@example.org",
                        "to", "alice@example.org"),
                    Results.succeeded(),
                    Results.context()))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("authentication failed for user bob at 127.0.0.1:" + port() + " (")
        .hasMessageEndingWith(" — check username and password; for Gmail use an app password")
        .hasMessageNotContaining("wrong-pw");
    assertThat(waits).as("authentication failures are not retried").isEmpty();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void starttlsRefusesAServerThatOffersNoStarttls() {
    assertThatThrownBy(
            () ->
                note.send(
                    options(
                        "host", "127.0.0.1",
                        "port", port(),
                        "from", "ox-task@example.org",
                        "to", "alice@example.org"),
                    Results.failed(),
                    Results.context()))
        .isInstanceOf(NoteException.class)
        .hasMessage(
            "127.0.0.1:"
                + port()
                + " does not offer STARTTLS, and security starttls never sends without TLS — use"
                + " security ssl if the server speaks TLS from the start (usually port 465), or"
                + " security none only for a relay on a trusted network");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    assertThat(waits).isEmpty();
  }

  @Test
  void sslAgainstAPlainPortFailsAtOnceSuggestingTheRightSecurity() {
    assertThatThrownBy(
            () ->
                note.send(
                    options(
                        "host", "127.0.0.1",
                        "port", port(),
                        "security", "ssl",
                        "from", "ox-task@example.org",
                        "to", "alice@example.org"),
                    Results.failed(),
                    Results.context()))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("TLS with 127.0.0.1:" + port() + " failed: ")
        .hasMessageEndingWith(
            " — check that the port speaks security ssl (ssl: usually 465, starttls: usually 587)");
    assertThat(waits).isEmpty();
  }

  @Test
  void serverThatIsDownFailsAfterTheRetries() throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                note.send(
                    options(
                        "host", "127.0.0.1",
                        "port", closedPort,
                        "security", "none",
                        "retries", 2,
                        "from", "ox-task@example.org",
                        "to", "alice@example.org"),
                    Results.failed(),
                    Results.context()))
        .isInstanceOf(NoteException.class)
        .hasMessage(
            "could not connect to 127.0.0.1:"
                + closedPort
                + ": Connection refused — check host, port and security, and that the server is"
                + " up (gave up after 3 attempts)");
    assertThat(waits).containsExactly(2, 3);
  }

  @Test
  void temporaryRejectionIsRetried() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("451 4.3.0 try again later")) {
      assertThatThrownBy(
              () ->
                  note.send(
                      options(
                          "host", "127.0.0.1",
                          "port", server.port(),
                          "security", "none",
                          "retries", 1,
                          "from", "ox-task@example.org",
                          "to", "alice@example.org"),
                      Results.failed(),
                      Results.context()))
          .isInstanceOf(NoteException.class)
          .hasMessage(
              "127.0.0.1:"
                  + server.port()
                  + " refused the message: 451 4.3.0 try again later (gave up after 2 attempts)");
      assertThat(server.connections()).isEqualTo(2);
      assertThat(waits).containsExactly(2);
    }
  }

  @Test
  void permanentRejectionIsNotRetried() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.7.1 relaying denied")) {
      assertThatThrownBy(
              () ->
                  note.send(
                      options(
                          "host", "127.0.0.1",
                          "port", server.port(),
                          "security", "none",
                          "from", "ox-task@example.org",
                          "to", "alice@example.org"),
                      Results.failed(),
                      Results.context()))
          .isInstanceOf(NoteException.class)
          .hasMessage(
              "127.0.0.1:" + server.port() + " refused the message: 550 5.7.1 relaying denied");
      assertThat(server.connections()).isEqualTo(1);
      assertThat(waits).isEmpty();
    }
  }

  private static String lf(Object content) {
    return ((String) content).replace("\r\n", "\n");
  }
}
