package dev.oxtask.notes.file;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Job results and note contexts for the tests. */
final class Results {

  static final Instant STARTED = Instant.parse("2026-11-28T10:00:00Z");

  private Results() {}

  static JobResult result(String job, JobStatus status, String output) {
    return new JobResult(
        job,
        status,
        status == JobStatus.SUCCESS ? OptionalInt.of(0) : OptionalInt.of(3),
        output,
        "",
        List.of("echo", "hi"),
        Optional.of(Path.of("/work")),
        STARTED,
        Duration.ofMillis(1250),
        1,
        status == JobStatus.SUCCESS ? Optional.empty() : Optional.of("exit code 3"),
        false,
        false,
        List.of());
  }

  static NoteContext context(PrintStream console) {
    return new NoteContext("log", "runner-1", Optional.empty(), Map.of(), console);
  }

  static NoteContext context() {
    return context(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  static NoteOptions options(Map<String, Object> values) {
    return new NoteOptions(values);
  }
}
