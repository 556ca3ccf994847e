package dev.oxtask.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.testing.Plans;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnsetVariablesTest {

  private static final TaskEnv GREETING =
      new TaskEnv(
          "greeting",
          List.of(),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          Map.of("GREETING", "hello"),
          List.of(),
          Plans.FILE);

  private static TaskJob job(String name, String... command) {
    return new TaskJob(
        name,
        List.of(),
        Optional.of("greeting"),
        Optional.empty(),
        List.of(command),
        false,
        Duration.ofSeconds(10),
        0,
        Duration.ZERO,
        Plans.FILE);
  }

  private static TaskPlan plan(TaskJob... jobs) {
    Map<String, TaskJob> byName = new java.util.LinkedHashMap<>();
    for (TaskJob job : jobs) {
      byName.put(job.name(), job);
    }
    return new TaskPlan(
        List.of(Plans.FILE), List.of(), Map.of("greeting", GREETING), Map.of(), byName, Map.of());
  }

  @Test
  void namesSetByAnEnvOxTaskOrTheRunnerAreDefined() {
    TaskPlan plan =
        plan(
            job(
                "a",
                "echo",
                "$GREETING ${HOME} $OX_TASK_LOG_DIR $OX_TASK_RUN_ID $VIRTUAL_ENV $PATH",
                "costs $$5"));

    assertThat(new UnsetVariables(plan, Map.of("HOME", "/root")).inCommands(plan.jobs().values()))
        .isEmpty();
  }

  @Test
  void aNameNothingSetsIsReportedAtTheJobsCommandWithTheClosestName() {
    TaskPlan plan = plan(job("a", "echo", "$GRETING"), job("b", "echo", "${NOWHERE}"));

    assertThat(new UnsetVariables(plan, Map.of()).inCommands(plan.jobs().values()))
        .extracting(Diagnostic::toString)
        .containsExactly(
            "plan.json: jobs.a.command: $GRETING is not set by any env of the plan, by ox_task or"
                + " in the runner's environment, so it stays as written — did you mean"
                + " 'GREETING'?",
            "plan.json: jobs.b.command: $NOWHERE is not set by any env of the plan, by ox_task or"
                + " in the runner's environment, so it stays as written");
  }

  @Test
  void missingListsPerOptionTheNamesTheEnvironmentLacks() {
    Map<String, Object> options = new java.util.LinkedHashMap<>();
    options.put("path", "$LOGS/x.log");
    options.put("to", List.of("$A", Map.of("k", "${B} $A")));
    options.put("retries", 3);

    assertThat(UnsetVariables.missing(options, Map.of("LOGS", "/tmp")))
        .isEqualTo(Map.of("to", java.util.Set.of("A", "B")));
    assertThat(UnsetVariables.missing(options, Map.of("LOGS", "/", "A", "a", "B", "b"))).isEmpty();
  }

  @Test
  void templateNamesIgnoreEscapedDollarsAndInvalidPlaceholders() {
    assertThat(dev.oxtask.core.text.Template.names("$A ${B} $$C $1 $ {D}"))
        .containsExactly("A", "B");
  }
}
