package dev.oxtask.core.run;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds plans for engine tests, the way the plan loader would. */
final class Plans {

  static final Path PLAN_FILE = Path.of("/plans/tasks.json");

  private final Map<String, TaskEnv> envs = new LinkedHashMap<>();
  private final Map<String, TaskJob> jobs = new LinkedHashMap<>();

  static Plans plan() {
    return new Plans();
  }

  /** An env with variables given as name, value, name, value, ... */
  Plans env(String name, Optional<String> path, List<String> secrets, String... variables) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < variables.length; i += 2) {
      vars.put(variables[i], variables[i + 1]);
    }
    envs.put(
        name,
        new TaskEnv(name, List.of(), Optional.empty(), List.of(), path, vars, secrets, PLAN_FILE));
    return this;
  }

  Plans add(TaskEnv env) {
    envs.put(env.name(), env);
    return this;
  }

  Plans job(String name, String... command) {
    return add(job(name, Duration.ofSeconds(30), command));
  }

  Plans add(TaskJob job) {
    jobs.put(job.name(), job);
    return this;
  }

  TaskPlan build() {
    return new TaskPlan(List.of(PLAN_FILE), List.of(), envs, Map.of(), jobs, Map.of());
  }

  static TaskJob job(String name, Duration timeout, String... command) {
    return new TaskJob(
        name,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Arrays.asList(command),
        false,
        timeout,
        0,
        Duration.ofMillis(10),
        PLAN_FILE);
  }

  static TaskJob inEnv(TaskJob job, String env) {
    return new TaskJob(
        job.name(),
        job.description(),
        Optional.of(env),
        job.note(),
        job.command(),
        job.shell(),
        job.timeout(),
        job.retries(),
        job.retryDelay(),
        job.planFile());
  }

  static TaskJob shell(String name, String script) {
    TaskJob job = job(name, Duration.ofSeconds(30), script);
    return new TaskJob(
        job.name(),
        job.description(),
        job.env(),
        job.note(),
        job.command(),
        true,
        job.timeout(),
        job.retries(),
        job.retryDelay(),
        job.planFile());
  }

  static TaskJob withRetries(TaskJob job, int retries, Duration delay) {
    return new TaskJob(
        job.name(),
        job.description(),
        job.env(),
        job.note(),
        job.command(),
        job.shell(),
        job.timeout(),
        retries,
        delay,
        job.planFile());
  }

  static TaskJob withTimeout(TaskJob job, Duration timeout) {
    return new TaskJob(
        job.name(),
        job.description(),
        job.env(),
        job.note(),
        job.command(),
        job.shell(),
        timeout,
        job.retries(),
        job.retryDelay(),
        job.planFile());
  }

  static TaskJob withNote(TaskJob job, String note) {
    return new TaskJob(
        job.name(),
        job.description(),
        job.env(),
        Optional.of(note),
        job.command(),
        job.shell(),
        job.timeout(),
        job.retries(),
        job.retryDelay(),
        job.planFile());
  }
}
