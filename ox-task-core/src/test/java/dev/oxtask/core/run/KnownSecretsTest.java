package dev.oxtask.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownSecretsTest {

  private static final Path FILE = Path.of("tasks.json");

  @Test
  void envSecretsResolveAgainstEarlierVariablesAndTheRunnerEnvironment() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("USER_NAME", "ann");
    variables.put("TOKEN", "tok-$USER_NAME-$SUFFIX");
    variables.put("COMPUTED", "`cat secret.txt`");
    TaskEnv env =
        new TaskEnv(
            "e",
            List.of(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            variables,
            List.of("TOKEN", "COMPUTED", "CI_TOKEN", "UNSET"),
            FILE);
    TaskPlan plan = plan(env);

    assertThat(
            KnownSecrets.of(
                plan,
                List.copyOf(plan.jobs().values()),
                Map.of("SUFFIX", "x", "CI_TOKEN", "ci-value")))
        .containsExactly("tok-ann-x", "ci-value");
  }

  private static TaskPlan plan(TaskEnv env) {
    TaskJob job =
        new TaskJob(
            "j",
            List.of(),
            Optional.of(env.name()),
            Optional.empty(),
            List.of("true"),
            false,
            Duration.ofSeconds(5),
            0,
            Duration.ofSeconds(1),
            FILE);
    return new TaskPlan(
        List.of(FILE),
        List.of(),
        Map.of(env.name(), env),
        Map.of(),
        Map.of(job.name(), job),
        Map.of());
  }
}
