package dev.oxtask.notes.slack;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.NoteContext;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Job results and note contexts as the engine would hand them to a note. */
final class Results {

  static final Instant STARTED = Instant.parse("2026-11-28T06:00:00.250Z");

  private Results() {}

  static JobResult result(
      String job,
      JobStatus status,
      OptionalInt exitCode,
      Duration duration,
      String output,
      String stderr,
      Optional<String> error,
      int attempts) {
    return JobResult.builder(job, status)
        .exitCode(exitCode)
        .output(output)
        .stderr(stderr)
        .command(List.of("./" + job + ".sh"))
        .cwd(Path.of("/tmp/ox_task/jobs/" + job))
        .startedAt(STARTED)
        .duration(duration)
        .attempts(attempts)
        .error(error)
        .build();
  }

  static JobResult succeeded(String job, String output) {
    return result(
        job,
        JobStatus.SUCCESS,
        OptionalInt.of(0),
        Duration.ofMillis(1234),
        output,
        "",
        Optional.empty(),
        1);
  }

  static NoteContext context(Optional<String> runUrl) {
    return NoteContext.builder("slack")
        .hostName("runner-1")
        .runUrl(runUrl)
        .console(new PrintStream(OutputStream.nullOutputStream()))
        .build();
  }
}
