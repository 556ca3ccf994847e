package dev.oxtask.notes.email;

import static dev.oxtask.notes.email.Results.options;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.OptionProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GmailNotifierTest {

  private final GmailNotifier note = new GmailNotifier();

  @Test
  void originalKeysMapToGmailOverStarttlsLoggingInAsTheSender() {
    SmtpSettings settings =
        GmailNotifier.settings(
            options(
                "to_email", "ops@example.org",
                "from_email", "me@gmail.com",
                "app_passwd", "abcd efgh ijkl mnop"));

    assertThat(settings)
        .isEqualTo(
            new SmtpSettings(
                "smtp.gmail.com",
                587,
                Security.STARTTLS,
                Optional.of("me@gmail.com"),
                Optional.of("abcd efgh ijkl mnop"),
                "me@gmail.com",
                List.of("ops@example.org"),
                List.of(),
                Optional.empty(),
                Duration.ofSeconds(30),
                3,
                Optional.<Path>empty()));
  }

  @Test
  void subjectAndSeveralRecipientsAreAccepted() {
    SmtpSettings settings =
        GmailNotifier.settings(
            options(
                "to_email", List.of("a@example.org", "b@example.org"),
                "from_email", "me@gmail.com",
                "app_passwd", "x",
                "subject", "nightly backup"));

    assertThat(settings.to()).containsExactly("a@example.org", "b@example.org");
    assertThat(settings.subject()).contains("nightly backup");
  }

  @Test
  void validationChecksTheOriginalKeys() {
    assertThat(note.name()).isEqualTo("GmailNotifier");
    assertThat(
            note.validate(
                options(
                    "to_email", "ops@example.org",
                    "from_email", "$GMAIL_USER",
                    "app_passwd", "$GMAIL_APP_PASSWORD")))
        .isEmpty();
    assertThat(note.validate(options("to_email", "ops@example.org", "host", "smtp.example.org")))
        .containsExactly(
            new OptionProblem(
                "host",
                "unknown option — Options of this note: app_passwd, from_email, subject,"
                    + " to_email"),
            new OptionProblem(
                "from_email", "is required: the Gmail address that sends (and logs in)"),
            new OptionProblem(
                "app_passwd", "is required: a Google app password, e.g. \"$GMAIL_APP_PASSWORD\""));
  }
}
