package dev.oxtask.core.plan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One or more plan files merged: envs, notes and jobs by name, jobs in plan order.
 *
 * @param files the plan files, in the order given
 * @param description the plans' descriptions, one entry per line
 * @param envs envs by name
 * @param notes notes by name
 * @param jobs jobs by name, in the order they appear (file by file)
 */
public record TaskPlan(
    List<Path> files,
    List<String> description,
    Map<String, TaskEnv> envs,
    Map<String, TaskNote> notes,
    Map<String, TaskJob> jobs) {

  public TaskPlan {
    files = List.copyOf(files);
    description = List.copyOf(description);
    envs = Collections.unmodifiableMap(new LinkedHashMap<>(envs));
    notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
  }

  /** The env a job names, if it names one. */
  public Optional<TaskEnv> envOf(TaskJob job) {
    return job.env().map(envs::get);
  }

  /** The note a job names, if it names one. */
  public Optional<TaskNote> noteOf(TaskJob job) {
    return job.note().map(notes::get);
  }
}
