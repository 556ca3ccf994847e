package dev.oxtask.core.run;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskNote;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.text.SecretMasker;
import dev.oxtask.core.text.Template;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The secret values of a run that can be known before any job starts, so they are masked (and, on
 * GitHub, registered with {@code ::add-mask::}) before anything is printed. Values computed by a
 * backtick, or only by a job's own environment, are added later as each job starts.
 */
public final class KnownSecrets {

  private KnownSecrets() {}

  /** Secrets of the selected jobs' envs and notes, resolved against the runner's environment. */
  public static Set<String> of(TaskPlan plan, List<TaskJob> jobs, Map<String, String> runner) {
    Set<String> secrets = new LinkedHashSet<>();
    for (TaskJob job : jobs) {
      Map<String, String> environment = new HashMap<>(runner);
      Optional<TaskEnv> env = plan.envOf(job);
      env.ifPresent(e -> addEnvSecrets(e, environment, secrets));
      plan.noteOf(job).ifPresent(note -> addNoteSecrets(note, environment, secrets));
    }
    return secrets;
  }

  private static void addEnvSecrets(TaskEnv env, Map<String, String> environment, Set<String> out) {
    for (Map.Entry<String, String> variable : env.variables().entrySet()) {
      String value = variable.getValue();
      if (value.length() >= 2 && value.startsWith("`") && value.endsWith("`")) {
        // Known only once the backtick has run, as the job starts.
        environment.remove(variable.getKey());
        continue;
      }
      environment.put(variable.getKey(), Template.substitute(value, environment));
    }
    env.secrets().stream().map(environment::get).forEach(v -> addIfSet(v, out));
  }

  private static void addNoteSecrets(
      TaskNote note, Map<String, String> environment, Set<String> out) {
    note.options()
        .forEach(
            (key, value) -> {
              if (SecretMasker.isSecretKey(key) && value instanceof String s) {
                String resolved = Template.substitute(s, environment);
                // An unset variable stays as written ("$TOKEN"): that is no secret.
                if (!resolved.equals(s) || !s.contains("$")) {
                  addIfSet(resolved, out);
                }
              }
            });
  }

  private static void addIfSet(String value, Set<String> out) {
    if (value != null && !value.isBlank()) {
      out.add(value);
    }
  }
}
