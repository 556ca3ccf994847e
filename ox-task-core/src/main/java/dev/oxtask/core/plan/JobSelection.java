package dev.oxtask.core.plan;

import dev.oxtask.core.text.ClosestName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The jobs a run is asked for by name ({@code --job}), in plan order; every job when none is named.
 */
public final class JobSelection {

  private JobSelection() {}

  /**
   * The selected jobs, or why a name is wrong: {@code unknown job 'wether' — did you mean
   * 'weather'? (the plan's jobs: backup, weather)}.
   */
  public static Selected select(TaskPlan plan, List<String> names) {
    List<String> problems = new ArrayList<>();
    for (String name : names) {
      if (!plan.jobs().containsKey(name)) {
        problems.add(
            "unknown job '"
                + name
                + "'"
                + ClosestName.suggestion(name, plan.jobs().keySet())
                + " (the plan's jobs: "
                + String.join(", ", plan.jobs().keySet())
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      return new Selected(List.of(), Optional.of(String.join("\n", problems)));
    }
    // A loop, not a stream's toList(): that method's array constructor reference costs a run's
    // first use a generated class (about 3 ms), which the class-data archive cannot hold.
    List<TaskJob> jobs = new ArrayList<>();
    for (TaskJob job : plan.jobs().values()) {
      if (names.isEmpty() || names.contains(job.name())) {
        jobs.add(job);
      }
    }
    return new Selected(List.copyOf(jobs), Optional.empty());
  }

  /**
   * @param jobs the selected jobs in plan order
   * @param problem what is wrong with the names given, if anything
   */
  public record Selected(List<TaskJob> jobs, Optional<String> problem) {}
}
