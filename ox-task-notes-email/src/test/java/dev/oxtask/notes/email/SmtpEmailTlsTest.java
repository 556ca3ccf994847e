package dev.oxtask.notes.email;

import static dev.oxtask.notes.email.Results.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.oxtask.core.note.NoteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SmtpEmail over implicit TLS against GreenMail's SMTPS server, whose certificate (made for
 * 127.0.0.1 by keytool) is trusted only when the note says so.
 */
class SmtpEmailTlsTest {

  @TempDir static Path dir;
  private static TestCertificate certificate;
  private static GreenMail greenMail;

  private final List<Integer> waits = new ArrayList<>();
  private final SmtpEmail note = new SmtpEmail(waits::add);

  @BeforeAll
  static void startSmtps() throws Exception {
    certificate = TestCertificate.create(dir);
    // GreenMail reads its TLS key store from these properties once, when it first serves TLS.
    System.setProperty("greenmail.tls.keystore.file", certificate.keyStore().toString());
    System.setProperty("greenmail.tls.keystore.password", certificate.storePassword());
    System.setProperty("greenmail.tls.key.password", certificate.storePassword());
    greenMail =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
    greenMail.start();
  }

  @AfterAll
  static void stopSmtps() {
    greenMail.stop();
  }

  @BeforeEach
  void emptyMailboxes() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
  }

  private static int port() {
    return greenMail.getSmtps().getPort();
  }

  @Test
  void deliversOverSslWhenTheServerCertificateIsTrustedExplicitly() throws Exception {
    note.send(
        options(
            "host", "127.0.0.1",
            "port", port(),
            "security", "ssl",
            "trust_certificate", certificate.pem().toString(),
            "from", "ox-task@example.org",
            "to", "alice@example.org"),
        Results.failed(),
        Results.context());

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(greenMail.getReceivedMessages()[0].getSubject())
        .isEqualTo("[ox_task] failed: weather");
  }

  @Test
  void acceptsAJksTrustStoreAsTrustCertificate() throws Exception {
    note.send(
        options(
            "host", "127.0.0.1",
            "port", port(),
            "security", "ssl",
            "trust_certificate", certificate.jksTrustStore().toString(),
            "from", "ox-task@example.org",
            "to", "alice@example.org"),
        Results.succeeded(),
        Results.context());

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void refusesAServerWhoseCertificateIsNotTrusted() {
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
        .hasMessage(
            "the TLS certificate of 127.0.0.1:"
                + port()
                + " is not trusted (unable to find valid certification path to requested target)"
                + " — if the server uses a private or self-signed certificate, set"
                + " trust_certificate to its PEM file");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    assertThat(waits).isEmpty();
  }

  @Test
  void refusesACertificateIssuedForAnotherHostName() {
    // The certificate names 127.0.0.1 only; "localhost" reaches the same server.
    assertThatThrownBy(
            () ->
                note.send(
                    options(
                        "host", "localhost",
                        "port", port(),
                        "security", "ssl",
                        "trust_certificate", certificate.pem().toString(),
                        "from", "ox-task@example.org",
                        "to", "alice@example.org"),
                    Results.failed(),
                    Results.context()))
        .isInstanceOf(NoteException.class)
        .hasMessage(
            "the TLS certificate of localhost:"
                + port()
                + " is not issued for localhost (No name matching localhost found) — set host to"
                + " the name the certificate is issued for");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    assertThat(waits).isEmpty();
  }

  @Test
  void aTrustCertificateThatIsNoCertificateIsNamed() throws Exception {
    Path notACertificate = Files.writeString(dir.resolve("notes.txt"), "hello");

    assertThatThrownBy(
            () ->
                note.send(
                    options(
                        "host", "127.0.0.1",
                        "port", port(),
                        "security", "ssl",
                        "trust_certificate", notACertificate.toString(),
                        "from", "ox-task@example.org",
                        "to", "alice@example.org"),
                    Results.failed(),
                    Results.context()))
        .isInstanceOf(NoteException.class)
        .hasMessageStartingWith("trust_certificate '" + notACertificate + "' holds no certificate")
        .hasMessageEndingWith(
            "give a PEM certificate file (-----BEGIN CERTIFICATE-----) or a JKS trust store");
  }

  @Test
  void aMissingTrustCertificateIsNamed() {
    Path missing = dir.resolve("missing.pem");

    assertThatThrownBy(
            () ->
                note.send(
                    options(
                        "host", "127.0.0.1",
                        "port", port(),
                        "security", "ssl",
                        "trust_certificate", missing.toString(),
                        "from", "ox-task@example.org",
                        "to", "alice@example.org"),
                    Results.failed(),
                    Results.context()))
        .isInstanceOf(NoteException.class)
        .hasMessage(
            "trust_certificate '"
                + missing
                + "' does not exist: give the path of a PEM certificate file");
  }
}
