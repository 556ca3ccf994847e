package dev.oxtask.notes.email;

import static dev.oxtask.notes.email.Results.options;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.OptionProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

  @Test
  void minimalOptionsUseStarttlsOnPort587WithThirtySecondTimeouts() {
    SmtpSettings settings =
        SmtpSettings.from(
            options("host", "smtp.example.org", "from", "a@example.org", "to", "b@example.org"));

    assertThat(settings.security()).isEqualTo(Security.STARTTLS);
    assertThat(settings.port()).isEqualTo(587);
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.retries()).isEqualTo(3);
    assertThat(settings.username()).isEmpty();
    assertThat(settings.to()).containsExactly("b@example.org");
    assertThat(settings.cc()).isEmpty();
    assertThat(settings.trustCertificate()).isEmpty();
  }

  @Test
  void portDefaultsFollowSecurity() {
    assertThat(port("ssl")).isEqualTo(465);
    assertThat(port("none")).isEqualTo(25);
    assertThat(port("starttls")).isEqualTo(587);
  }

  private static int port(String security) {
    return SmtpSettings.from(
            options(
                "host", "h", "security", security, "from", "a@example.org", "to", "b@example.org"))
        .port();
  }

  @Test
  void everyOptionIsRead() {
    SmtpSettings settings =
        SmtpSettings.from(
            options(
                "host", "relay.corp.example",
                "port", 2525,
                "security", "ssl",
                "username", "svc-ox",
                "password", "pw-123",
                "from", "ox@corp.example",
                "to", List.of("a@corp.example", "b@corp.example"),
                "cc", "c@corp.example",
                "subject", "nightly",
                "timeout", 2.5,
                "retries", 0,
                "trust_certificate", "/etc/ssl/corp.pem"));

    assertThat(settings)
        .isEqualTo(
            new SmtpSettings(
                "relay.corp.example",
                2525,
                Security.SSL,
                Optional.of("svc-ox"),
                Optional.of("pw-123"),
                "ox@corp.example",
                List.of("a@corp.example", "b@corp.example"),
                List.of("c@corp.example"),
                Optional.of("nightly"),
                Duration.ofMillis(2500),
                0,
                Optional.of(Path.of("/etc/ssl/corp.pem"))));
  }

  @Test
  void toStringMasksThePassword() {
    SmtpSettings settings =
        SmtpSettings.from(
            options(
                "host", "h",
                "username", "u",
                "password", "pw-123",
                "from", "a@example.org",
                "to", "b@example.org"));

    assertThat(settings.toString()).doesNotContain("pw-123").contains("password=***");
  }

  @Test
  void validOptionsHaveNoProblems() {
    assertThat(
            SmtpSettings.validate(
                options(
                    "host", "smtp.example.org",
                    "username", "$SMTP_USER",
                    "password", "$SMTP_PASSWORD",
                    "from", "ox-task <ox@example.org>",
                    "to", List.of("a@example.org", "$OPS_EMAIL"),
                    "cc", "c@example.org, d@example.org",
                    "timeout", 10,
                    "retries", 0)))
        .isEmpty();
  }

  @Test
  void missingRequiredOptionsAreAllReported() {
    assertThat(SmtpSettings.validate(options()))
        .containsExactly(
            new OptionProblem("host", "is required: the SMTP server, e.g. smtp.example.org"),
            new OptionProblem(
                "from", "is required: the sender's address, e.g. ox-task@example.org"),
            new OptionProblem("to", "is required: a recipient's address, or a list of them"));
  }

  @Test
  void badValuesAreNamed() {
    assertThat(
            SmtpSettings.validate(
                options(
                    "host",
                    "h",
                    "port",
                    70000,
                    "security",
                    "startls",
                    "from",
                    "not an address",
                    "to",
                    List.of("a@example.org", 3),
                    "timeout",
                    0,
                    "retries",
                    -1)))
        .containsExactly(
            new OptionProblem(
                "security",
                "must be one of starttls, ssl, none, not 'startls' — did you mean 'starttls'?"),
            new OptionProblem("to", "must be a string or a list of strings, not a list"),
            new OptionProblem("timeout", "must be a number greater than 0, not 0"),
            new OptionProblem("retries", "must be a whole number of at least 0, not -1"),
            new OptionProblem("port", "must be at most 65535, not 70000"),
            new OptionProblem(
                "from",
                "'not an address' is not an e-mail address (Local address contains control or"
                    + " whitespace): write it as name@example.org or \"Name <name@example.org>\""));
  }

  @Test
  void passwordWithoutUsernameAndTheReverseAreProblems() {
    assertThat(
            SmtpSettings.validate(
                options("host", "h", "password", "x", "from", "a@e.org", "to", "b@e.org")))
        .containsExactly(
            new OptionProblem(
                "password",
                "is set but username is not: set username to the account to log in as"));
    assertThat(
            SmtpSettings.validate(
                options("host", "h", "username", "u", "from", "a@e.org", "to", "b@e.org")))
        .containsExactly(
            new OptionProblem(
                "username", "is set but password is not: set password (e.g. \"$SMTP_PASSWORD\")"));
  }

  @Test
  void trustCertificateWithoutTlsIsAProblem() {
    assertThat(
            SmtpSettings.validate(
                options(
                    "host", "h",
                    "security", "none",
                    "trust_certificate", "/etc/ssl/relay.pem",
                    "from", "a@e.org",
                    "to", "b@e.org")))
        .containsExactly(
            new OptionProblem(
                "trust_certificate",
                "is set but security is none, so no certificate is checked: use security starttls"
                    + " or ssl"));
  }

  @Test
  void unknownOptionSuggestsTheClosestName() {
    assertThat(
            SmtpSettings.validate(
                options("host", "h", "from", "a@e.org", "to", "b@e.org", "sercurity", "ssl")))
        .containsExactly(
            new OptionProblem(
                "sercurity",
                "unknown option — did you mean 'security'? Options of this note: cc, from, host,"
                    + " password, port, retries, security, subject, timeout, to,"
                    + " trust_certificate, username"));
  }
}
