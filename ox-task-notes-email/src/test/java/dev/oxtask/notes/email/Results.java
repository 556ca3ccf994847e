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
import java.util.OptionalInt;

/** Job results, contexts and options the e-mail tests send. */
final class Results {

  private Results() {}

  static JobResult failed() {
    return new JobResult(
        "weather",
        JobStatus.FAILED,
        OptionalInt.of(1),
        "line1\n<b>bold</b> & co\n",
        "Traceback (most recent call last):\nValueError: bad\n",
        List.of("python3", "fetch.py", "--city", "São Paulo"),
        Optional.empty(),
        Instant.parse("2026-11-28T06:00:00Z"),
        Duration.ofMillis(1234),
        1,
        Optional.of("exited with code 1"),
        false,
        false,
        List.of(
            Path.of("/tmp/ox_task/runs/r1/weather.stdout"),
            Path.of("/tmp/ox_task/runs/r1/weather.stderr")));
  }

  static JobResult succeeded() {
    return new JobResult(
        "backup",
        JobStatus.SUCCESS,
        OptionalInt.of(0),
        "done\n",
        "a warning on stderr\n",
        List.of("./backup.sh"),
        Optional.empty(),
        Instant.parse("2026-11-28T06:00:00Z"),
        Duration.ofMillis(500),
        1,
        Optional.empty(),
        false,
        false,
        List.of());
  }

  static NoteContext context() {
    return new NoteContext(
        "mail",
        "runner-1",
        Optional.of("https://github.com/octo/tasks/actions/runs/42"),
        Map.of(),
        new PrintStream(OutputStream.nullOutputStream()));
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
