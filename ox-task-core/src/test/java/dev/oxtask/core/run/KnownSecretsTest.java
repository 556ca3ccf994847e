package dev.oxtask.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskNote;
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
    TaskPlan plan = plan(env, Optional.empty());

    assertThat(
            KnownSecrets.of(
                plan,
                List.copyOf(plan.jobs().values()),
                Map.of("SUFFIX", "x", "CI_TOKEN", "ci-value")))
        .containsExactly("tok-ann-x", "ci-value");
  }

  @Test
  void noteOptionsWithSecretKeysAreResolvedUnsetOnesSkipped() {
    TaskNote note =
        new TaskNote(
            "slack",
            "SlackWebhook",
            List.of(),
            List.of(),
            Map.of(
                "webhook_url", "$HOOK",
                "password", "literal-pw",
                "token", "$NOT_SET",
                "title", "$HOOK"),
            FILE);
    TaskPlan plan = plan(null, Optional.of(note));

    assertThat(
            KnownSecrets.of(
                plan, List.copyOf(plan.jobs().values()), Map.of("HOOK", "https://hooks/abc")))
        .containsExactlyInAnyOrder("https://hooks/abc", "literal-pw");
  }

  private static TaskPlan plan(TaskEnv env, Optional<TaskNote> note) {
    TaskJob job =
        new TaskJob(
            "j",
            List.of(),
            Optional.ofNullable(env).map(TaskEnv::name),
            note.map(TaskNote::name),
            List.of("true"),
            false,
            Duration.ofSeconds(5),
            0,
            Duration.ofSeconds(1),
            FILE);
    return new TaskPlan(
        List.of(FILE),
        List.of(),
        env == null ? Map.of() : Map.of(env.name(), env),
        note.map(n -> Map.of(n.name(), n)).orElse(Map.of()),
        Map.of(job.name(), job),
        Map.of());
  }
}
