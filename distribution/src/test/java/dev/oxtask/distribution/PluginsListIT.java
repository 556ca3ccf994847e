package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.distribution.Launch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ox_task plugins` of the unpacked zip lists every note class its plugins folder holds. */
class PluginsListIT {

  @TempDir Path temp;

  @Test
  void pluginsListsTheNoteClassesOfEveryShippedPlugin() throws Exception {
    Installation installation =
        Installation.unpackInto(Files.createDirectories(temp.resolve("install")));
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));

    Outcome outcome =
        Launch.of(installation.launcher(), "plugins")
            .without("OX_TASK_PLUGINS_DIR")
            .in(elsewhere)
            .run(elsewhere);

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stderr()).isEmpty();
    List<String> lines = outcome.stdout().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "plugins folder: "
                + installation.home().resolve("plugins")
                + " (the install home (ox_task.home))");
    String webhookJar = "ox-task-notes-webhook-" + Installation.version() + ".jar";
    for (String note :
        List.of(
            "Telegram",
            "TelegramNotifier",
            "Discord",
            "MicrosoftTeams",
            "Ntfy",
            "Webhook",
            "Healthcheck")) {
      assertThat(lines)
          .as(note)
          .anyMatch(
              line ->
                  line.matches(
                      note
                          + " +dev\\.oxtask\\.notes\\.webhook\\."
                          + note
                          + " +ox-task-notes-webhook +"
                          + Installation.version().replace(".", "\\.")
                          + " +"
                          + webhookJar.replace(".", "\\.")));
    }
    assertThat(lines)
        .anyMatch(line -> line.startsWith("SlackWebhook "))
        .anyMatch(line -> line.startsWith("SmtpEmail "))
        .anyMatch(line -> line.startsWith("SimpleFileLog "));
  }
}
