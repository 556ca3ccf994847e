package dev.oxtask.core.run;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.text.Template;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The values of env secrets that can be known before any job starts, so they are masked (and, on
 * GitHub, registered with {@code ::add-mask::}) before anything is printed. Values computed by a
 * backtick are added as each job starts ({@link JobEnvironment}); secret note options are
 * registered when the notes are prepared and, resolved by the job's environment, as each job starts
 * ({@link NoteDelivery#jobStarting}).
 */
public final class KnownSecrets {

  private KnownSecrets() {}

  /** Secrets of the selected jobs' envs, resolved against the runner's environment. */
  public static Set<String> of(TaskPlan plan, List<TaskJob> jobs, Map<String, String> runner) {
    Set<String> secrets = new LinkedHashSet<>();
    // Once per env, not per job: the secrets depend on the env alone, and a copy of the runner's
    // environment per job was most of checking a large plan.
    Set<String> envs = new HashSet<>();
    for (TaskJob job : jobs) {
      Optional<TaskEnv> env = plan.envOf(job);
      if (env.isPresent() && envs.add(env.get().name())) {
        addEnvSecrets(env.get(), new HashMap<>(runner), secrets);
      }
    }
    return secrets;
  }

  private static void addEnvSecrets(TaskEnv env, Map<String, String> environment, Set<String> out) {
    for (Map.Entry<String, String> variable : env.variables().entrySet()) {
      String value = variable.getValue();
      if (TaskEnv.isBacktick(value)) {
        // Known only once the backtick has run, as the job starts.
        environment.remove(variable.getKey());
        continue;
      }
      environment.put(variable.getKey(), Template.substitute(value, environment));
    }
    for (String name : env.secrets()) {
      addIfSet(environment.get(name), out);
    }
  }

  private static void addIfSet(String value, Set<String> out) {
    if (value != null && !value.isBlank()) {
      out.add(value);
    }
  }
}
