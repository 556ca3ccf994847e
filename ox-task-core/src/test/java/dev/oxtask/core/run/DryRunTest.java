package dev.oxtask.core.run;

import static dev.oxtask.core.run.Plans.inEnv;
import static dev.oxtask.core.run.Plans.job;
import static dev.oxtask.core.run.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.text.SecretMasker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunTest {

  @TempDir Path work;

  @Test
  void describesCommandsWithoutRunningBackticksOrBuildingVenvs() throws Exception {
    Path touched = work.resolve("touched");
    TaskEnv py =
        new TaskEnv(
            "py",
            List.of(),
            Optional.of("python3"),
            List.of(),
            Optional.empty(),
            Map.of("SIDE_EFFECT", "`touch " + touched + "`", "PASSWORD", "pw-123"),
            List.of("PASSWORD"),
            Plans.PLAN_FILE);
    TaskPlan plan =
        plan()
            .add(py)
            .add(
                inEnv(
                    job("deploy", Duration.ofSeconds(5), "deploy", "$SIDE_EFFECT", "$PASSWORD"),
                    "py"))
            .build();
    RunOptions options =
        RunOptions.builder(
                work,
                work,
                env -> {
                  throw new AssertionError("a dry run builds no venv");
                })
            .environment(Map.of())
            .build();

    List<DryRun.Job> jobs =
        new DryRun(options, new SecretMasker()).describe(plan, List.copyOf(plan.jobs().values()));

    assertThat(jobs)
        .containsExactly(
            new DryRun.Job(
                "deploy",
                work.resolve("jobs/deploy"),
                List.of("deploy", "`touch " + touched + "`", "***"),
                Optional.empty()));
    assertThat(touched).doesNotExist();
    assertThat(work.resolve("jobs")).doesNotExist();
  }
}
