package dev.oxtask.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ox_task list PLAN...}: the jobs of a plan, as a table, as JSON or as a GitHub matrix. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Lists the jobs of plan files in the order they would run; runs nothing.")
final class ListCommand implements Callable<Integer> {

  static final class Format {
    @Option(names = "--json", description = "Print the jobs as a JSON array.")
    boolean json;

    @Option(
        names = "--github-matrix",
        description = "Print {\"include\":[{\"job\":\"NAME\"},...]} for a GitHub Actions matrix.")
    boolean githubMatrix;
  }

  /** Two-space indents, {@code "key": value}, one list item per line: what people and jq read. */
  private static final ObjectWriter JSON =
      new ObjectMapper()
          .writer(
              new DefaultPrettyPrinter()
                  .withSeparators(
                      Separators.createDefaultInstance()
                          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                          .withArrayEmptySeparator(""))
                  .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

  @ParentCommand OxTaskCommand parent;
  @Mixin PlanFiles plans;
  @Mixin DebugOption debug;

  @ArgGroup(exclusive = true)
  Format format = new Format();

  @Override
  public Integer call() throws JsonProcessingException {
    Optional<TaskPlan> loaded = plans.loadOrReport(parent.context);
    if (loaded.isEmpty()) {
      return ExitCode.USAGE;
    }
    TaskPlan plan = loaded.get();
    if (format.githubMatrix) {
      List<Map<String, String>> include =
          plan.jobs().keySet().stream().map(name -> Map.of("job", name)).toList();
      parent.out.println(new ObjectMapper().writeValueAsString(Map.of("include", include)));
    } else if (format.json) {
      parent.out.println(
          JSON.writeValueAsString(plan.jobs().values().stream().map(ListCommand::asJson).toList()));
    } else {
      parent.out.print(JobTable.of(plan));
    }
    return ExitCode.OK;
  }

  private static Map<String, Object> asJson(TaskJob job) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("job", job.name());
    json.put("description", job.description());
    json.put("env", job.env().orElse(null));
    json.put("note", job.note().orElse(null));
    json.put("command", job.command());
    json.put("shell", job.shell());
    json.put("timeout", seconds(job.timeout()));
    json.put("retries", job.retries());
    json.put("retry_delay", seconds(job.retryDelay()));
    json.put("plan", job.planFile().toString());
    return json;
  }

  /** Whole seconds as an integer, anything else as a decimal number. */
  static Number seconds(Duration duration) {
    if (duration.toNanosPart() == 0) {
      return duration.toSeconds();
    }
    return duration.toNanos() / 1e9;
  }
}
