package dev.oxtask.core.plan;

import dev.oxtask.core.text.ClosestName;
import dev.oxtask.core.text.Template;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Variables a plan refers to ({@code $NAME} in a job's command or a note's string options) that
 * nothing defines: no env of the plan, not ox_task itself, not the runner's environment. Such a
 * name stays as written in a command (as the original ox_task did) and makes a note fail, so {@code
 * validate} and {@code run} warn about it before anything runs.
 */
public final class UnsetVariables {

  /** The variables ox_task sets in every job's environment (spec section 3). */
  public static final Set<String> SET_BY_OX_TASK =
      Set.of(
          "OX_TASK_JOB_NAME",
          "OX_TASK_PLAN_DIR",
          "OX_TASK_RUN_ID",
          "OX_TASK_WORK_DIR",
          "OX_TASK_LOG_DIR",
          "VIRTUAL_ENV",
          "PATH");

  private final TaskPlan plan;
  private final Set<String> defined = new TreeSet<>();

  /** The names defined by {@code plan}'s envs, ox_task and {@code runnerEnvironment}. */
  public UnsetVariables(TaskPlan plan, Map<String, String> runnerEnvironment) {
    this.plan = plan;
    for (TaskEnv env : plan.envs().values()) {
      defined.addAll(env.variables().keySet());
    }
    defined.addAll(SET_BY_OX_TASK);
    defined.addAll(runnerEnvironment.keySet());
  }

  /** One warning per job command word that names an undefined variable. */
  public List<Diagnostic> inCommands(Collection<TaskJob> jobs) {
    List<Diagnostic> warnings = new ArrayList<>();
    for (TaskJob job : jobs) {
      for (String word : job.command()) {
        for (String name : undefined(word)) {
          warnings.add(
              plan.diagnostic(
                  "jobs." + job.name() + ".command",
                  "$"
                      + name
                      + " is not set by any env of the plan, by ox_task or in the runner's"
                      + " environment, so it stays as written"
                      + ClosestName.suggestion(name, defined)));
        }
      }
    }
    return warnings;
  }

  /** One warning per string option of {@code note} (at any depth) naming an undefined variable. */
  public List<Diagnostic> inOptions(TaskNote note) {
    List<Diagnostic> warnings = new ArrayList<>();
    for (Map.Entry<String, Object> option : note.options().entrySet()) {
      Set<String> names = notIn(namesIn(option.getValue()), defined);
      for (String name : names) {
        warnings.add(
            plan.diagnostic(
                "notes." + note.name() + "." + option.getKey(),
                "$"
                    + name
                    + " is not set by any env of the plan, by ox_task or in the runner's"
                    + " environment, so the note will fail when it is sent"
                    + ClosestName.suggestion(name, defined)));
      }
    }
    return warnings;
  }

  /**
   * For each option of {@code options} (sorted by key) whose strings, at any depth, name variables
   * that {@code environment} does not set: those names, sorted. Empty when the note can be sent.
   */
  public static Map<String, Set<String>> missing(
      Map<String, Object> options, Map<String, String> environment) {
    Map<String, Set<String>> missing = new TreeMap<>();
    for (Map.Entry<String, Object> option : options.entrySet()) {
      Set<String> names = notIn(namesIn(option.getValue()), environment.keySet());
      if (!names.isEmpty()) {
        missing.put(option.getKey(), names);
      }
    }
    return missing;
  }

  private Set<String> undefined(String text) {
    return notIn(new TreeSet<>(Template.names(text)), defined);
  }

  /**
   * {@code names} without the {@code defined} ones, each looked up: {@code removeAll} walks every
   * defined name (the runner's whole environment) when {@code names} is the smaller set, as it
   * almost always is (most words and options name no variable at all).
   */
  private static Set<String> notIn(Set<String> names, Set<String> defined) {
    Iterator<String> each = names.iterator();
    while (each.hasNext()) {
      if (defined.contains(each.next())) {
        each.remove();
      }
    }
    return names;
  }

  private static Set<String> namesIn(Object value) {
    Set<String> names = new TreeSet<>();
    if (value instanceof String s) {
      names.addAll(Template.names(s));
    } else if (value instanceof Collection<?> list) {
      for (Object item : list) {
        names.addAll(namesIn(item));
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Object item : map.values()) {
        names.addAll(namesIn(item));
      }
    }
    return names;
  }
}
