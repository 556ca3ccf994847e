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

/** Job results and note contexts for the tests. */
final class Results {

  static final Instant STARTED = Instant.parse("2026-11-28T10:00:00Z");

  private Results() {}

  static JobResult result(String job, JobStatus status, String output) {
    return JobResult.builder(job, status)
        .exitCode(status == JobStatus.SUCCESS ? 0 : 3)
        .output(output)
        .command(List.of("echo", "hi"))
        .cwd(Path.of("/work"))
        .startedAt(STARTED)
        .duration(Duration.ofMillis(1250))
        .attempts(1)
        .error(status == JobStatus.SUCCESS ? Optional.empty() : Optional.of("exit code 3"))
        .build();
  }

  static NoteContext context(PrintStream console) {
    return NoteContext.builder("log").hostName("runner-1").console(console).build();
  }

  static NoteContext context() {
    return context(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  static NoteOptions options(Map<String, Object> values) {
    return new NoteOptions(values);
  }
}
