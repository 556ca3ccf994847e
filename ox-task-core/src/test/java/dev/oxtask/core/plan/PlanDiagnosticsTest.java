package dev.oxtask.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each {@code testdata/<case>.json} (or {@code .py}) is an invalid plan, and {@code
 * <case>.expected} is exactly what loading it reports. A plan without its expected text, or an
 * expected text without its plan, fails the test.
 */
class PlanDiagnosticsTest {

  private static final String EXPECTED = ".expected";

  static Stream<Arguments> cases() throws IOException, URISyntaxException {
    Path dir = testdata();
    TreeSet<String> plans = new TreeSet<>();
    TreeSet<String> expected = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json") || name.endsWith(".py")) {
          plans.add(name);
        } else if (name.endsWith(EXPECTED)) {
          expected.add(name.substring(0, name.length() - EXPECTED.length()));
        } else if (!Files.isDirectory(file)) {
          throw new AssertionError("unexpected file in testdata: " + name);
        }
      }
    }
    List<Arguments> cases = new ArrayList<>();
    for (String plan : plans) {
      String base = plan.substring(0, plan.lastIndexOf('.'));
      if (!expected.remove(base)) {
        throw new AssertionError("testdata/" + plan + " has no " + base + EXPECTED);
      }
      cases.add(Arguments.of(plan, dir.resolve(plan), dir.resolve(base + EXPECTED)));
    }
    if (!expected.isEmpty()) {
      throw new AssertionError("expected texts without a plan: " + expected);
    }
    assertThat(cases).as("golden cases in " + dir).hasSizeGreaterThan(10);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void invalidPlanReportsExactlyTheExpectedDiagnostics(String name, Path plan, Path expected)
      throws IOException {
    PlanLoader loader = PlanLoader.fromEnvironment(System.getenv());

    PlanException thrown =
        catchThrowableOfType(PlanException.class, () -> loader.load(List.of(plan)));

    assertThat(thrown).as("loading %s must fail", name).isNotNull();
    String actual = thrown.getMessage().replace(plan.getParent() + File.separator, "") + "\n";
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  private static Path testdata() throws URISyntaxException {
    return Path.of(PlanDiagnosticsTest.class.getResource("/testdata").toURI());
  }
}
