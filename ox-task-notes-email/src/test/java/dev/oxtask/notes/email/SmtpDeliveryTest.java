package dev.oxtask.notes.email;

import static dev.oxtask.notes.email.Results.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmtpDeliveryTest {

  private static Properties properties(Object... options) throws Exception {
    return SmtpDelivery.properties(SmtpSettings.from(options(options)));
  }

  @Test
  void starttlsIsRequiredWithCertificateAndHostNameChecks() throws Exception {
    Properties p = properties("host", "smtp.example.org", "from", "a@e.org", "to", "b@e.org");

    assertThat(p)
        .containsEntry("mail.smtp.starttls.enable", "true")
        .containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
        .containsEntry("mail.smtp.socketFactory.fallback", "false")
        .containsEntry("mail.smtp.port", "587")
        .containsEntry("mail.smtp.auth", "false")
        .doesNotContainKey("mail.smtp.ssl.socketFactory")
        .doesNotContainKey("mail.smtp.ssl.trust");
  }

  @Test
  void timeoutOptionSetsConnectReadAndWriteTimeouts() throws Exception {
    Properties p = properties("host", "h", "timeout", 7.5, "from", "a@e.org", "to", "b@e.org");

    assertThat(p)
        .containsEntry("mail.smtp.connectiontimeout", "7500")
        .containsEntry("mail.smtp.timeout", "7500")
        .containsEntry("mail.smtp.writetimeout", "7500");
  }

  @Test
  void timeoutsDefaultToThirtySeconds() throws Exception {
    assertThat(properties("host", "h", "from", "a@e.org", "to", "b@e.org"))
        .containsEntry("mail.smtp.connectiontimeout", "30000")
        .containsEntry("mail.smtp.timeout", "30000")
        .containsEntry("mail.smtp.writetimeout", "30000");
  }

  @Test
  void sslUsesImplicitTlsAndAuthFollowsUsername() throws Exception {
    Properties p =
        properties(
            "host", "h",
            "security", "ssl",
            "username", "u",
            "password", "p",
            "from", "a@e.org",
            "to", "b@e.org");

    assertThat(p)
        .containsEntry("mail.smtp.ssl.enable", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
        .containsEntry("mail.smtp.auth", "true")
        .containsEntry("mail.smtp.port", "465")
        .doesNotContainKey("mail.smtp.starttls.enable");
  }

  @Test
  void retriesWaitTwoFourEightSecondsAndNeverMoreThanAMinute() {
    assertThat(SmtpDelivery.Backoff.delay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(SmtpDelivery.Backoff.delay(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(SmtpDelivery.Backoff.delay(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(SmtpDelivery.Backoff.delay(7)).isEqualTo(Duration.ofSeconds(60));
    assertThat(SmtpDelivery.Backoff.delay(100)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void noneNeverStartsTls() throws Exception {
    Properties p = properties("host", "h", "security", "none", "from", "a@e.org", "to", "b@e.org");

    assertThat(p)
        .containsEntry("mail.smtp.ssl.enable", "false")
        .containsEntry("mail.smtp.port", "25")
        .doesNotContainKey("mail.smtp.starttls.enable");
  }
}
