package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** The action and the workflows are valid YAML with the structure GitHub Actions reads. */
class WorkflowFilesTest {

  static final Path REPOSITORY = Installation.repository();

  static Stream<Path> workflows() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of(".github/workflows", "examples/github")) {
      try (Stream<Path> listed = Files.list(REPOSITORY.resolve(folder))) {
        listed.filter(file -> file.toString().endsWith(".yml")).sorted().forEach(files::add);
      }
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void workflowHasTriggersAndJobsWithStepsOrACalledWorkflow(Path file) throws IOException {
    Map<String, Object> workflow = load(file);

    // YAML 1.1 reads a bare `on` key as the boolean true; GitHub reads it as "on".
    Object on = workflow.containsKey("on") ? workflow.get("on") : workflow.get(true);
    assertThat(on).as("%s: on", file).isNotNull();
    Map<String, Object> jobs = map(workflow.get("jobs"), file + ": jobs");
    assertThat(jobs).as("%s: jobs", file).isNotEmpty();
    jobs.forEach(
        (name, value) -> {
          Map<String, Object> job = map(value, file + ": jobs." + name);
          assertThat(job).as("%s: jobs.%s", file, name).containsKey("runs-on");
          assertSteps(file + ": jobs." + name, job.get("steps"));
        });
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void noWorkflowScriptPastesAnExpression(Path file) throws IOException {
    assertThat(runScripts(load(file))).as(file.toString()).noneMatch(s -> s.contains("${{"));
  }

  @Test
  void actionIsACompositeWithTheDocumentedInputsAndNoExpressionInAnyScript() throws IOException {
    Path file = REPOSITORY.resolve("action.yml");
    Map<String, Object> action = load(file);

    assertThat(action).containsKeys("name", "description");
    assertThat(map(action.get("inputs"), "inputs"))
        .containsKeys("version", "plan", "args", "work-dir");
    Map<String, Object> runs = map(action.get("runs"), "runs");
    assertThat(runs).containsEntry("using", "composite");
    assertSteps("action.yml: runs", runs.get("steps"));
    for (Object step : (List<?>) runs.get("steps")) {
      Map<String, Object> fields = map(step, "action.yml step");
      if (fields.containsKey("run")) {
        assertThat(fields).as("action.yml step %s", fields.get("name")).containsKey("shell");
      }
    }
    assertThat(runScripts(action)).isNotEmpty().noneMatch(s -> s.contains("${{"));
  }

  @Test
  void scheduledExampleRunsOnACronAndByHand() throws IOException {
    Map<String, Object> on = map(load(example("scheduled.yml")).get(true), "on");

    assertThat(on).containsKeys("schedule", "workflow_dispatch");
    assertThat((List<?>) on.get("schedule"))
        .first()
        .satisfies(entry -> assertThat(map(entry, "schedule[0]")).containsKey("cron"));
  }

  @Test
  void fanOutExampleBuildsTheMatrixFromOxTaskListAndRunsOneJobPerEntry() throws IOException {
    Map<String, Object> jobs = map(load(example("fan-out.yml")).get("jobs"), "jobs");
    Map<String, Object> list = map(jobs.get("list"), "jobs.list");
    Map<String, Object> run = map(jobs.get("run"), "jobs.run");

    assertThat(runScripts(list)).anyMatch(s -> s.contains("ox_task list --github-matrix"));
    assertThat(map(list.get("outputs"), "outputs")).containsKey("matrix");
    assertThat(map(run.get("strategy"), "strategy"))
        .containsEntry("matrix", "${{ fromJSON(needs.list.outputs.matrix) }}");
    List<?> steps = (List<?>) run.get("steps");
    Map<String, Object> last = map(steps.get(steps.size() - 1), "last step");
    assertThat(map(last.get("env"), "env")).containsEntry("JOB", "${{ matrix.job }}");
    assertThat((String) last.get("run")).contains("ox_task run \"$PLAN\" --job \"$JOB\"");
  }

  private static Path example(String name) {
    return REPOSITORY.resolve("examples/github").resolve(name);
  }

  private static void assertSteps(String where, Object steps) {
    assertThat(steps).as("%s.steps", where).isInstanceOf(List.class);
    assertThat((List<?>) steps).as("%s.steps", where).isNotEmpty();
    for (Object step : (List<?>) steps) {
      assertThat(map(step, where + " step").keySet())
          .as("%s: a step runs a script or uses an action", where)
          .containsAnyOf("run", "uses");
    }
  }

  /** Every `run:` script anywhere under {@code node}. */
  private static List<String> runScripts(Object node) {
    List<String> scripts = new ArrayList<>();
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if ("run".equals(key) && value instanceof String script) {
              scripts.add(script);
            } else {
              scripts.addAll(runScripts(value));
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> scripts.addAll(runScripts(item)));
    }
    return scripts;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node, String where) {
    assertThat(node).as(where).isInstanceOf(Map.class);
    return (Map<String, Object>) node;
  }

  private static Map<String, Object> load(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return map(new Yaml().load(reader), file.toString());
    }
  }
}
