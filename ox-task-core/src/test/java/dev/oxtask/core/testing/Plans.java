package dev.oxtask.core.testing;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.Condition;
import dev.oxtask.core.plan.SourceLocation;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskNote;
import dev.oxtask.core.plan.TaskPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plans, notes, jobs and results built in code for the note tests. */
public final class Plans {

  public static final Path FILE = Path.of("plan.json");

  private Plans() {}

  public static TaskNote note(String name, String className, Map<String, Object> options) {
    return note(name, className, List.of(), options);
  }

  public static TaskNote note(
      String name, String className, List<Condition> conditions, Map<String, Object> options) {
    return new TaskNote(name, className, List.of(), conditions, options, FILE);
  }

  public static TaskJob job(String name, String note) {
    return new TaskJob(
        name,
        List.of(),
        Optional.empty(),
        note.isEmpty() ? Optional.empty() : Optional.of(note),
        List.of("true"),
        false,
        TaskJob.DEFAULT_TIMEOUT,
        0,
        TaskJob.DEFAULT_RETRY_DELAY,
        FILE);
  }

  /**
   * A plan where note number i (from 0) starts at line 2 + 3i, column 5, its {@code class_name} on
   * the next line at column 7.
   */
  public static TaskPlan plan(List<TaskNote> notes, List<TaskJob> jobs) {
    Map<String, TaskNote> byName = new LinkedHashMap<>();
    Map<String, SourceLocation> locations = new HashMap<>();
    for (int i = 0; i < notes.size(); i++) {
      TaskNote note = notes.get(i);
      byName.put(note.name(), note);
      locations.put("notes." + note.name(), new SourceLocation(FILE, 2 + 3 * i, 5));
      locations.put("notes." + note.name() + ".class_name", new SourceLocation(FILE, 3 + 3 * i, 7));
    }
    Map<String, TaskJob> jobsByName = new LinkedHashMap<>();
    jobs.forEach(j -> jobsByName.put(j.name(), j));
    return new TaskPlan(List.of(FILE), List.of(), Map.of(), byName, jobsByName, locations);
  }

  public static JobResult result(String job, JobStatus status, String output) {
    return JobResult.builder(job, status)
        .exitCode(status == JobStatus.SUCCESS ? 0 : 1)
        .output(output)
        .command(List.of("true"))
        .startedAt(Instant.parse("2026-11-28T10:00:00Z"))
        .duration(Duration.ofMillis(10))
        .attempts(1)
        .build();
  }
}
