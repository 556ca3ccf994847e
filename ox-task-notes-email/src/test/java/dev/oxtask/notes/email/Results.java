package dev.oxtask.notes.email;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Job results, contexts and options the e-mail tests send. */
final class Results {

  private Results() {}

  static JobResult failed() {
    return JobResult.builder("weather", JobStatus.FAILED)
        .exitCode(1)
        .output("line1\n<b>bold</b> & co\n")
        .stderr("Traceback (most recent call last):\nValueError: bad\n")
        .command(List.of("python3", "fetch.py", "--city", "São Paulo"))
        .startedAt(Instant.parse("2026-11-28T06:00:00Z"))
        .duration(Duration.ofMillis(1234))
        .attempts(1)
        .error("exited with code 1")
        .logFiles(
            List.of(
                Path.of("/tmp/ox_task/runs/r1/weather.stdout"),
                Path.of("/tmp/ox_task/runs/r1/weather.stderr")))
        .build();
  }

  static JobResult succeeded() {
    return JobResult.builder("backup", JobStatus.SUCCESS)
        .exitCode(0)
        .output("done\n")
        .stderr("a warning on stderr\n")
        .command(List.of("./backup.sh"))
        .startedAt(Instant.parse("2026-11-28T06:00:00Z"))
        .duration(Duration.ofMillis(500))
        .attempts(1)
        .build();
  }

  static NoteContext context() {
    return NoteContext.builder("mail")
        .hostName("runner-1")
        .runUrl(Optional.of("https://github.com/octo/tasks/actions/runs/42"))
        .console(new PrintStream(OutputStream.nullOutputStream()))
        .build();
  }

  /** Options from alternating keys and values, in that order. */
  static NoteOptions options(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new NoteOptions(map);
  }
}
