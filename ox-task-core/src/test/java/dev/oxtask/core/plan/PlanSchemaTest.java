package dev.oxtask.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plan JSON Schema ({@code schema/ox-task-plan.schema.json}) accepts every example plan and the
 * original ox_task's plans, and rejects plans the loader rejects for their shape.
 */
class PlanSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  private static JsonSchema schema() throws IOException {
    Path file = REPO.resolve("schema/ox-task-plan.schema.json");
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(JSON.readTree(file.toFile()));
  }

  static List<Path> examples() throws IOException {
    Path dir = REPO.resolve("examples");
    assertThat(dir).as("examples folder of the repository").isDirectory();
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> plans = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(plans).as("example plans in " + dir).isNotEmpty();
      return plans;
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void examplePlanMatchesTheSchemaAndLoads(Path example) throws Exception {
    Set<ValidationMessage> problems = schema().validate(JSON.readTree(example.toFile()));

    assertThat(problems).as("schema problems of " + example).isEmpty();
    assertThat(new PlanLoader("python3").load(List.of(example)).jobs()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"original-tasks.json", "original-fixture-plan.json"})
  void originalOxTaskPlanMatchesTheSchema(String name) throws Exception {
    Path plan = Path.of(PlanSchemaTest.class.getResource("/compat/" + name).toURI());

    assertThat(schema().validate(JSON.readTree(plan.toFile()))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not_an_object.json",
        "timeout_not_a_number.json",
        "variables_as_list.json",
        "misspelt_key.json",
        "missing_command.json",
        "empty_command.json",
        "several_problems.json",
        "plan_unknown_key.json",
        "wrong_section_types.json",
        "env_values_the_os_rejects.json"
      })
  void planTheLoaderRejectsForItsShapeIsRejectedByTheSchema(String name) throws Exception {
    JsonNode plan = JSON.readTree(testdata(name).toFile());

    assertThat(schema().validate(plan)).isNotEmpty();
  }

  @Test
  void nullsAndEntriesNamedWithAnUnderscoreMatchTheSchema() throws Exception {
    JsonNode plan =
        JSON.readTree(
            """
            {
              "envs": {"_base": {"runtime": null, "path": null, "variables": null}},
              "notes": {"_about": ["notes", "below"], "log": {"class_name": "X", "opt": null}},
              "jobs": {"_private": {"env": "_base", "note": null, "command": "true",
                                    "timeout": null, "shell": null, "retries": null}}
            }
            """);

    assertThat(schema().validate(plan)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"jobs\": {\"_odd\": 3}}",
        "{\"jobs\": {\"j\": {\"command\": \"true\", \"timeout\": \"10\"}}}",
        "{\"jobs\": {\"j\": {\"command\": null}}}"
      })
  void whatTheLoaderWarnsAboutOrRejectsIsFlaggedByTheSchema(String text) throws Exception {
    assertThat(schema().validate(JSON.readTree(text))).isNotEmpty();
  }

  @Test
  void schemaPointsAtTheSchemaFileTheExamplesUse() throws IOException {
    JsonNode hello = JSON.readTree(REPO.resolve("examples/hello.json").toFile());

    Path referenced = REPO.resolve("examples").resolve(hello.get("$schema").asText()).normalize();

    assertThat(referenced).isEqualTo(REPO.resolve("schema/ox-task-plan.schema.json"));
  }

  private static Path testdata(String name) throws URISyntaxException {
    return Path.of(PlanSchemaTest.class.getResource("/testdata/" + name).toURI());
  }
}
