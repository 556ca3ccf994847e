package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for the command line: {@code testdata/cli/<case>.args} holds one argument per line,
 * {@code <case>.expected} the exit code, stdout and stderr of {@link Main#run}. Paths in the
 * arguments are relative to this module's folder, where Maven runs the tests. A case without its
 * other half fails the test.
 */
class CliGoldenTest {

  private static final Path DIR = Path.of("src/test/resources/testdata/cli");
  private static final String HOME = "ox_task.home";

  /** The golden plans use SimpleFileLog: install it where the launcher's home would have it. */
  @BeforeAll
  static void installPlugins() throws Exception {
    Path home = Path.of("target", "golden-home").toAbsolutePath();
    TestPlugins.installFileNotes(home.resolve("plugins"));
    System.setProperty(HOME, home.toString());
  }

  @AfterAll
  static void forgetHome() {
    System.clearProperty(HOME);
  }

  static Stream<Arguments> cases() throws IOException {
    assertThat(DIR).as("run the tests from the ox-task-cli folder").isDirectory();
    TreeSet<String> args = new TreeSet<>();
    TreeSet<String> expected = new TreeSet<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".args")) {
          args.add(name.substring(0, name.length() - ".args".length()));
        } else if (name.endsWith(".expected")) {
          expected.add(name.substring(0, name.length() - ".expected".length()));
        } else {
          throw new AssertionError("unexpected file in testdata/cli: " + name);
        }
      }
    }
    if (!args.equals(expected)) {
      TreeSet<String> onlyArgs = new TreeSet<>(args);
      onlyArgs.removeAll(expected);
      expected.removeAll(args);
      throw new AssertionError(
          "unmatched golden files: .args without .expected "
              + onlyArgs
              + ", .expected without .args "
              + expected);
    }
    assertThat(args).hasSizeGreaterThan(10);
    return args.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void commandLinePrintsExactlyTheExpectedOutput(String name) throws IOException {
    List<String> args = Files.readAllLines(DIR.resolve(name + ".args"), StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        Main.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String actual =
        render(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertThat(actual)
        .isEqualTo(Files.readString(DIR.resolve(name + ".expected"), StandardCharsets.UTF_8));
  }

  static String render(int exit, String out, String err) {
    List<String> parts = new ArrayList<>();
    parts.add("exit " + exit + "\n");
    parts.add("--- stdout\n" + out);
    parts.add("--- stderr\n" + err);
    return String.join("", parts);
  }
}
