package dev.oxtask.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.plan.PlanLoader;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.text.SecretMasker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans written for the original Python ox_task, loaded from files and run: each test's plan ran
 * the same way under the original.
 */
class OriginalPlansTest {

  @TempDir Path work;
  @TempDir Path root;

  private RunOptions options;

  @BeforeEach
  void setUp() {
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", System.getenv("PATH"));
    environment.put("HOME", root.toString());
    options =
        RunOptions.builder(
                work,
                root,
                env -> {
                  throw new AssertionError("no venv expected for " + env.name());
                })
            .runId("run-1")
            .environment(environment)
            .killGrace(Duration.ofMillis(500))
            .build();
  }

  @Test
  void backticksRunInTheFolderOxTaskWasStartedFromSoGitAndVersionFilesWork() throws Exception {
    git("init", "-q", ".");
    git(
        "-c",
        "user.name=ox",
        "-c",
        "user.email=ox@example.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "first");
    String head = git("rev-parse", "--short", "HEAD").strip();
    Files.writeString(root.resolve("version.txt"), "1.2.3\n");
    Path plan =
        write(
            "tasks.json",
            """
            {
              "envs": {"release": {"variables": {
                "REV": "`git rev-parse --short HEAD`",
                "VERSION": "`cat version.txt`"
              }}},
              "jobs": {"tag": {"env": "release", "command": ["echo", "$VERSION-$REV"]}}
            }
            """);

    JobResult result = runAll(plan).get(0);

    assertThat(result.error()).isEmpty();
    assertThat(result.output()).isEqualTo("1.2.3-" + head + "\n");
    assertThat(result.cwd()).hasValue(work.resolve("jobs/tag"));
  }

  @Test
  void backticksOfAnEnvWithAPathRunInThatPath() throws Exception {
    Files.createDirectories(root.resolve("site"));
    Files.writeString(root.resolve("site/version.txt"), "2.0\n");
    Path plan =
        write(
            "tasks.json",
            """
            {
              "envs": {"site": {"path": "site", "variables": {"VERSION": "`cat version.txt`"}}},
              "jobs": {"show": {"env": "site", "command": "echo $VERSION"}}
            }
            """);

    JobResult result = runAll(plan).get(0);

    assertThat(result.output()).isEqualTo("2.0\n");
  }

  @Test
  void jobNamedWithAnUnderscoreRunsAndTextUnderAnUnderscoreIsAComment() throws Exception {
    Path plan =
        write(
            "tasks.json",
            """
            {
              "envs": {"_base": {"variables": {"WHO": "private"}}},
              "jobs": {
                "_comment": "the job below starts with an underscore",
                "_private": {"env": "_base", "command": ["echo", "$WHO"]}
              }
            }
            """);

    List<JobResult> results = runAll(plan);

    assertThat(results).extracting(JobResult::job).containsExactly("_private");
    assertThat(results.get(0).output()).isEqualTo("private\n");
  }

  @Test
  void nullsAndQuotedNumbersAndBooleansRunAsTheOriginalReadThem() throws Exception {
    Path plan =
        write(
            "tasks.json",
            """
            {
              "envs": {"e": {"runtime": null, "requirements": null, "path": null,
                             "variables": {"A": "1"}}},
              "jobs": {
                "quoted": {"env": "e", "note": null, "command": "echo $A | tr 1 2",
                           "timeout": "10", "shell": "true"},
                "nulls": {"env": "e", "note": "", "command": ["echo", "ok"], "timeout": null,
                          "shell": null, "description": null}
              }
            }
            """);

    List<JobResult> results = runAll(plan);

    assertThat(results).extracting(JobResult::status).containsOnly(JobStatus.SUCCESS);
    assertThat(results.get(0).output()).isEqualTo("2\n");
    assertThat(results.get(1).output()).isEqualTo("ok\n");
  }

  @Test
  void pythonPlanUsingTheOriginalModelsRunsEveryJob() throws Exception {
    Path plan =
        write(
            "tasks.py",
            """
            from ox_task.core.models import TaskEnv, TaskJob, TaskNote

            envs = {"base": TaskEnv(variables={"WHO": "world"})}
            notes = {}
            jobs = {"hello": TaskJob(env="base", command=("echo", "hello", "$WHO"), timeout=5)}
            if __name__ == "task_plan":
                jobs["named"] = TaskJob(env="base", command="echo " + __name__)
            """);

    List<JobResult> results = runAll(plan);

    assertThat(results).extracting(JobResult::job).containsExactly("hello", "named");
    assertThat(results)
        .extracting(JobResult::output)
        .containsExactly("hello world\n", "task_plan\n");
  }

  private List<JobResult> runAll(Path planFile) throws Exception {
    TaskPlan plan = new PlanLoader("python3").load(List.of(planFile));
    return new Engine(options, new SecretMasker())
        .run(plan, List.copyOf(plan.jobs().values()), RunListener.NONE).outcomes().stream()
            .map(JobOutcome::result)
            .toList();
  }

  private Path write(String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process git =
        new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    git.getOutputStream().close();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(git.waitFor(60, TimeUnit.SECONDS)).as("git finished").isTrue();
    assertThat(git.exitValue()).as("git %s: %s", command, output).isZero();
    return output;
  }
}
