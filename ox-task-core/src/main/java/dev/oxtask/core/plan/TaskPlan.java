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
 * @param locations where each key path (e.g. {@code notes.mail.to}) is written; key paths are
 *     unique across the merged files, since a name defined twice is an error
 * @param warnings what was read despite being written oddly, or ignored (e.g. a number written as a
 *     string), for the user to fix; in file order
 */
public record TaskPlan(
    List<Path> files,
    List<String> description,
    Map<String, TaskEnv> envs,
    Map<String, TaskNote> notes,
    Map<String, TaskJob> jobs,
    Map<String, SourceLocation> locations,
    List<Diagnostic> warnings) {

  public TaskPlan {
    files = List.copyOf(files);
    description = List.copyOf(description);
    envs = Collections.unmodifiableMap(new LinkedHashMap<>(envs));
    notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
    // A loaded plan's locations are worked out when first needed, and never change.
    locations = locations instanceof KeyLocations ? locations : Map.copyOf(locations);
    warnings = List.copyOf(warnings);
  }

  /** A plan without warnings. */
  public TaskPlan(
      List<Path> files,
      List<String> description,
      Map<String, TaskEnv> envs,
      Map<String, TaskNote> notes,
      Map<String, TaskJob> jobs,
      Map<String, SourceLocation> locations) {
    this(files, description, envs, notes, jobs, locations, List.of());
  }

  /**
   * A diagnostic for {@code keyPath}, located where that key is written, or at the nearest
   * enclosing key that is known (an option that is missing is reported where its note starts).
   */
  public Diagnostic diagnostic(String keyPath, String message) {
    String path = keyPath;
    while (!locations.containsKey(path) && path.contains(".")) {
      path = path.substring(0, path.lastIndexOf('.'));
    }
    SourceLocation where =
        locations.getOrDefault(
            path, SourceLocation.of(files.isEmpty() ? Path.of("") : files.get(0)));
    return new Diagnostic(where, keyPath, message);
  }

  /** The env a job names, if it names one. */
  public Optional<TaskEnv> envOf(TaskJob job) {
    return job.env().isPresent()
        ? Optional.ofNullable(envs.get(job.env().get()))
        : Optional.empty();
  }

  /** The note a job names, if it names one. */
  public Optional<TaskNote> noteOf(TaskJob job) {
    return job.note().isPresent()
        ? Optional.ofNullable(notes.get(job.note().get()))
        : Optional.empty();
  }
}
