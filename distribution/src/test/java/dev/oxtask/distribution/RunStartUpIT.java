package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.distribution.Launch.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plain run of the real zip leaves out (issue 12): each of these classes cost a one-job run
 * tens of milliseconds, and none is needed when nothing is logged and no note is sent.
 */
class RunStartUpIT {

  @TempDir Path temp;

  @Test
  void aRunWithoutNotesLoadsNoSecureRandomJacksonDatabindOrLogging() throws Exception {
    Installation installation =
        Installation.unpackInto(Files.createDirectories(temp.resolve("tools")));
    Path plan =
        Files.writeString(
            temp.resolve("plan.json"), "{\"jobs\": {\"hi\": {\"command\": [\"true\"]}}}");
    Path classes = temp.resolve("classes.txt");

    Outcome outcome =
        Launch.runLoggingClasses(installation.launcher(), temp.resolve("work"), plan, classes)
            .env("OX_TASK_CDS", "off")
            .run(temp);

    assertThat(outcome.exitCode()).isZero();
    // The run saved the job's status (state.json is read and written on this path).
    assertThat(temp.resolve("work/state.json")).exists();
    List<String> loaded = Files.readAllLines(classes);
    assertThat(loaded).anyMatch(line -> line.contains(" dev.oxtask.core.run.Engine "));
    assertThat(loaded)
        .noneMatch(line -> line.contains(" java.security.SecureRandom "))
        .noneMatch(line -> line.contains(" com.fasterxml.jackson.databind."))
        .noneMatch(line -> line.contains(" ch.qos.logback."));
  }
}
