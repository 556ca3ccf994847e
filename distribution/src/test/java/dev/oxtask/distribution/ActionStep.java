package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.distribution.Launch.Outcome;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * One `run:` step of the repository's action.yml, run by bash the way a GitHub runner runs it: its
 * `env:` expressions are replaced by the values a test gives, the rest of the runner's environment
 * (RUNNER_TEMP, GITHUB_OUTPUT, ...) points into a temporary folder.
 */
final class ActionStep {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");

  private final Map<String, Object> step;

  private ActionStep(Map<String, Object> step) {
    this.step = step;
  }

  /** The step of action.yml with this `id`, or else this `name`. */
  @SuppressWarnings("unchecked")
  static ActionStep named(String idOrName) throws IOException {
    try (Reader reader = Files.newBufferedReader(Installation.repository().resolve("action.yml"))) {
      Map<String, Object> action = new Yaml().load(reader);
      List<Map<String, Object>> steps =
          (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
      return steps.stream()
          .filter(s -> idOrName.equals(s.get("id")) || idOrName.equals(s.get("name")))
          .findFirst()
          .map(ActionStep::new)
          .orElseThrow(() -> new AssertionError("action.yml has no step " + idOrName));
    }
  }

  /**
   * Runs the step with {@code expressions} giving the value of each `${{ }}` in its `env:` (an
   * expression the map lacks fails the test) and {@code runner} as the runner's environment.
   */
  @SuppressWarnings("unchecked")
  Outcome run(Map<String, String> expressions, Runner runner)
      throws IOException, InterruptedException {
    assertThat(step.get("shell")).isEqualTo("bash");
    Launch launch =
        Launch.of(
                Path.of("bash"),
                "--noprofile",
                "--norc",
                "-eo",
                "pipefail",
                "-c",
                (String) step.get("run"))
            .in(runner.workspace());
    runner.environment().forEach(launch::env);
    Map<String, Object> env = (Map<String, Object>) step.getOrDefault("env", Map.of());
    env.forEach((name, value) -> launch.env(name, substitute(String.valueOf(value), expressions)));
    return launch.run(runner.temp());
  }

  private static String substitute(String value, Map<String, String> expressions) {
    Matcher matcher = EXPRESSION.matcher(value);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String expression = matcher.group(1);
      assertThat(expressions).as("value of ${{ %s }}", expression).containsKey(expression);
      matcher.appendReplacement(result, Matcher.quoteReplacement(expressions.get(expression)));
    }
    return matcher.appendTail(result).toString();
  }

  /** A runner's folders and the files its steps write their outputs and PATH additions to. */
  record Runner(Path root, String path) {

    static Runner in(Path root) throws IOException {
      for (String folder : List.of("workspace", "temp", "tool cache", "home")) {
        Files.createDirectories(root.resolve(folder));
      }
      Files.createFile(root.resolve("github_output"));
      Files.createFile(root.resolve("github_path"));
      return new Runner(root, System.getenv("PATH"));
    }

    /** The same runner with another PATH. */
    Runner withPath(String otherPath) {
      return new Runner(root, otherPath);
    }

    Path workspace() {
      return root.resolve("workspace");
    }

    Path temp() {
      return root.resolve("temp");
    }

    Path toolCache() {
      return root.resolve("tool cache");
    }

    Map<String, String> environment() {
      Map<String, String> env = new HashMap<>();
      env.put("PATH", path);
      env.put("RUNNER_OS", "Linux");
      env.put("RUNNER_TEMP", temp().toString());
      env.put("RUNNER_TOOL_CACHE", toolCache().toString());
      env.put("HOME", root.resolve("home").toString());
      env.put("GITHUB_OUTPUT", root.resolve("github_output").toString());
      env.put("GITHUB_PATH", root.resolve("github_path").toString());
      env.put("GITHUB_RUN_ATTEMPT", "1");
      return env;
    }

    /** The step outputs written to GITHUB_OUTPUT, as name=value lines. */
    List<String> outputs() throws IOException {
      return Files.readAllLines(root.resolve("github_output"));
    }

    List<String> pathAdditions() throws IOException {
      return Files.readAllLines(root.resolve("github_path"));
    }
  }
}
