package dev.oxtask.notes.webhook;

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

/** Job results, contexts and options as the engine would hand them to a note. */
final class Results {

  static final Instant STARTED = Instant.parse("2026-11-28T06:00:00.250Z");
  static final String RUN_URL = "https://github.com/acme/jobs/actions/runs/42";

  private Results() {}

  /** The one place a {@link JobResult} is built, so a change to its constructor is one fix. */
  static JobResult result(
      String job,
      JobStatus status,
      OptionalInt exitCode,
      String output,
      String stderr,
      Optional<String> error) {
    return JobResult.builder(job, status)
        .exitCode(exitCode)
        .output(output)
        .stderr(stderr)
        .command(List.of("./" + job + ".sh"))
        .cwd(Path.of("/tmp/ox_task/jobs/" + job))
        .startedAt(STARTED)
        .duration(Duration.ofMillis(1234))
        .attempts(1)
        .error(error)
        .logFiles(List.of(Path.of("/tmp/ox_task/runs/r1/" + job + ".stdout")))
        .build();
  }

  static JobResult succeeded(String job, String output) {
    return result(job, JobStatus.SUCCESS, OptionalInt.of(0), output, "", Optional.empty());
  }

  static JobResult failed(String job, String output, String stderr) {
    return result(
        job,
        JobStatus.FAILED,
        OptionalInt.of(2),
        output,
        stderr,
        Optional.of("exited with code 2"));
  }

  static JobResult timedOut(String job) {
    return result(
        job,
        JobStatus.TIMEOUT,
        OptionalInt.empty(),
        "working...\n",
        "",
        Optional.of("timed out after 1s; its process tree was stopped"));
  }

  static NoteContext context() {
    return NoteContext.builder("alerts")
        .hostName("runner-1")
        .runUrl(Optional.of(RUN_URL))
        .environment(Map.of())
        .console(new PrintStream(OutputStream.nullOutputStream()))
        .build();
  }

  /** Options from key, value, key, value... */
  static NoteOptions options(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new NoteOptions(map);
  }
}
