package dev.oxtask.core.pyenv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildTimeoutsTest {

  @Test
  void eachEnvGetsTheLongestTimeoutOfItsJobsButAtLeastTenMinutes() {
    TaskJob shortJob = job("short", "quick", Duration.ofSeconds(30));
    TaskJob longJob = job("long", "ml", Duration.ofMinutes(45));
    TaskJob otherJob = job("other", "ml", Duration.ofMinutes(20));
    TaskPlan plan =
        new TaskPlan(
            List.of(Path.of("plan.json")),
            List.of(),
            Map.of("quick", env("quick"), "ml", env("ml")),
            Map.of(),
            Map.of("short", shortJob, "long", longJob, "other", otherJob),
            Map.of());

    assertThat(BuildTimeouts.forJobs(plan, List.of(shortJob, longJob, otherJob)))
        .isEqualTo(Map.of("quick", Duration.ofMinutes(10), "ml", Duration.ofMinutes(45)));
  }

  @Test
  void envsOfJobsNotSelectedGetNoEntry() {
    TaskJob noEnv =
        new TaskJob(
            "plain",
            List.of(),
            Optional.empty(),
            Optional.empty(),
            List.of("true"),
            false,
            Duration.ofMinutes(60),
            0,
            Duration.ofSeconds(10),
            Path.of("plan.json"));
    TaskPlan plan =
        new TaskPlan(
            List.of(),
            List.of(),
            Map.of("ml", env("ml")),
            Map.of(),
            Map.of("plain", noEnv),
            Map.of());

    assertThat(BuildTimeouts.forJobs(plan, List.of(noEnv))).isEmpty();
  }

  private static TaskJob job(String name, String env, Duration timeout) {
    return new TaskJob(
        name,
        List.of(),
        Optional.of(env),
        Optional.empty(),
        List.of("python3", "-V"),
        false,
        timeout,
        0,
        Duration.ofSeconds(10),
        Path.of("plan.json"));
  }

  private static TaskEnv env(String name) {
    return new TaskEnv(
        name,
        List.of(),
        Optional.empty(),
        List.of("requests"),
        Optional.empty(),
        Map.of(),
        List.of(),
        Path.of("plan.json"));
  }
}
