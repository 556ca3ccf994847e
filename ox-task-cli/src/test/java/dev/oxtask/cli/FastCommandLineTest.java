package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@link FastCommandLine} against picocli, line by line: a line it parses sets exactly the fields
 * picocli sets, a line it prints for prints exactly what picocli's path prints, and every line it
 * must not handle is left to picocli.
 */
class FastCommandLineTest {

  @TempDir static Path dir;
  private static Path valid;
  private static Path invalid;

  @BeforeAll
  static void writePlans() throws IOException {
    valid =
        Files.writeString(
            dir.resolve("valid.json"), "{\"jobs\": {\"one\": {\"command\": \"true\"}}}");
    invalid =
        Files.writeString(
            dir.resolve("invalid.json"), "{\"jobs\": {\"one\": {\"comand\": \"true\"}}}");
  }

  @Test
  void everyFastCommandIsFullyUnderstood() {
    for (Class<?> type : FastCommandLine.COMMANDS) {
      CommandDeclaration declaration = CommandDeclaration.of(type);
      assertThat(declaration.problems()).as(type.getSimpleName()).isEmpty();
      assertThat(declaration.parsable()).as(type.getSimpleName()).isTrue();
    }
  }

  /** The class files say what picocli's reflection reads, picocli's defaults filled in. */
  @Test
  void declarationReadsWhatReflectionReads() {
    for (Class<?> type : FastCommandLine.COMMANDS) {
      CommandDeclaration declaration = CommandDeclaration.of(type);
      Command command = type.getAnnotation(Command.class);

      assertThat(declaration.name()).isEqualTo(command.name());
      assertThat(declaration.standardHelp()).isEqualTo(command.mixinStandardHelpOptions());
      assertThat(
              declaration.options().stream()
                  .map(o -> describe(o.member().field(), o.names(), o.negatable(), o.hidden()))
                  .toList())
          .isEqualTo(reflectedOptions(type))
          .isNotEmpty();
      assertThat(declaration.positional().field().getAnnotation(Parameters.class)).isNotNull();
      assertThat(declaration.parent().getAnnotation(ParentCommand.class)).isNotNull();
    }
  }

  /**
   * Each option's field and attributes, mixins' and groups' where their field is, by reflection.
   */
  private static List<String> reflectedOptions(Class<?> type) {
    List<String> options = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      if (option != null) {
        options.add(describe(field, List.of(option.names()), option.negatable(), option.hidden()));
      } else if (field.isAnnotationPresent(Mixin.class)
          || field.isAnnotationPresent(ArgGroup.class)) {
        options.addAll(reflectedOptions(field.getType()));
      }
    }
    return options;
  }

  private static String describe(
      Field field, List<String> names, boolean negatable, boolean hidden) {
    return field.getDeclaringClass().getSimpleName()
        + "."
        + field.getName()
        + " "
        + names
        + (negatable ? " negatable" : "")
        + (hidden ? " hidden" : "");
  }

  /**
   * What {@link CommandDeclaration} does not read, to start faster: every attribute beyond those
   * shaping help has its default, no method is annotated and no class has a superclass, for each
   * command, mixin and group {@link FastCommandLine} parses.
   */
  @Test
  void fastCommandsUseNoPicocliFeatureTheFastPathIgnores() throws Exception {
    List<String> used = new ArrayList<>();
    for (Class<?> type : FastCommandLine.COMMANDS) {
      used.addAll(nonDefaults(type.getAnnotation(Command.class), COMMAND_HELP_ATTRIBUTES));
      for (Class<?> part : withMixinsAndGroups(type)) {
        assertThat(part.getSuperclass()).as(part.getName()).isEqualTo(Object.class);
        for (Method method : part.getDeclaredMethods()) {
          assertThat(picocliAnnotations(method.getDeclaredAnnotations()))
              .as(method.toString())
              .isEmpty();
        }
        assertThat(part == type || picocliAnnotations(part.getDeclaredAnnotations()).isEmpty())
            .as(part.getName())
            .isTrue();
        for (Field field : part.getDeclaredFields()) {
          for (Annotation annotation : picocliAnnotations(field.getDeclaredAnnotations())) {
            used.addAll(nonDefaults(annotation, ARG_HELP_ATTRIBUTES));
          }
        }
      }
    }
    assertThat(used).isEmpty();
  }

  /** Attributes of {@code @Command} that only shape help and the exit codes of help. */
  private static final Set<String> COMMAND_HELP_ATTRIBUTES =
      Set.of(
          "name",
          "version",
          "versionProvider",
          "mixinStandardHelpOptions",
          "helpCommand",
          "headerHeading",
          "header",
          "synopsisHeading",
          "abbreviateSynopsis",
          "customSynopsis",
          "synopsisSubcommandLabel",
          "descriptionHeading",
          "description",
          "parameterListHeading",
          "optionListHeading",
          "sortOptions",
          "sortSynopsis",
          "requiredOptionMarker",
          "showDefaultValues",
          "showAtFileInUsageHelp",
          "showEndOfOptionsDelimiterInUsageHelp",
          "commandListHeading",
          "footerHeading",
          "footer",
          "hidden",
          "usageHelpWidth",
          "usageHelpAutoWidth",
          "exitCodeOnUsageHelp",
          "exitCodeOnVersionHelp",
          "exitCodeListHeading",
          "exitCodeList");

  /**
   * Attributes of the field annotations that only shape help and completion, or that {@link
   * CommandDeclaration} reads itself (names, arity, negatable).
   */
  private static final Set<String> ARG_HELP_ATTRIBUTES =
      Set.of(
          "names",
          "paramLabel",
          "description",
          "descriptionKey",
          "hidden",
          "hideParamSyntax",
          "order",
          "showDefaultValue",
          "completionCandidates",
          "negatable",
          "arity",
          "heading",
          "headingKey");

  private static List<Class<?>> withMixinsAndGroups(Class<?> type) {
    List<Class<?>> parts = new ArrayList<>(List.of(type));
    for (Field field : type.getDeclaredFields()) {
      if (field.isAnnotationPresent(Mixin.class) || field.isAnnotationPresent(ArgGroup.class)) {
        parts.add(field.getType());
      }
    }
    return parts;
  }

  private static List<Annotation> picocliAnnotations(Annotation[] annotations) {
    return Stream.of(annotations)
        .filter(a -> a.annotationType().getName().startsWith("picocli."))
        .toList();
  }

  /** {@code @Option(names = "--x")}'s attributes outside {@code free} that are not the default. */
  private static List<String> nonDefaults(Annotation annotation, Set<String> free)
      throws Exception {
    List<String> found = new ArrayList<>();
    for (Method attribute : annotation.annotationType().getDeclaredMethods()) {
      boolean fine =
          free.contains(attribute.getName())
              || Objects.deepEquals(attribute.invoke(annotation), attribute.getDefaultValue());
      if (!fine) {
        found.add(annotation + ": " + attribute.getName());
      }
    }
    return found;
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        line("run", "p.json"),
        line("run", "a.json", "b.json"),
        line("run", "--job", "x", "p.json"),
        line("run", "--job=x", "--job", "y", "p.json"),
        line("run", "p.json", "--job", "x", "q.json"),
        line("run", "--parallel", "4", "p.json"),
        line("run", "--parallel=+3", "p.json"),
        line("run", "--parallel", "007", "p.json"),
        line("run", "--fail-fast", "p.json"),
        line("run", "--re-raise", "p.json"),
        line("run", "--no-fail-fast", "p.json"),
        line("run", "--no-re-raise", "p.json"),
        line("run", "-v", "p.json"),
        line("run", "--output", "--dry-run", "--debug", "p.json"),
        line("run", "--quiet", "--output", "p.json"),
        line(
            "run", "--work-dir", "/tmp/w", "--root=r", "--plugins-dir", "pl", "--report", "o", "p"),
        line("run", "--", "-weird.json", "--job"),
        line("run", "--job", "x", "--", "p.json", "--", "q.json"),
        line("run", "p.json", "--"),
        line("run", "--job", "", "p.json"),
        line("run", "--job", "run", "--job=a=b", "a=b.json"),
        line("run", ""),
        line("validate", "p.json"),
        line("validate", "--plugins-dir", "d", "--debug", "p.json", "q.json"),
        line("list", "p.json"),
        line("list", "--json", "p.json"),
        line("list", "p.json", "--github-matrix"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void acceptedLineSetsTheFieldsPicocliSets(List<String> args) throws Exception {
    OxTaskCommand root = root(new ByteArrayOutputStream(), new ByteArrayOutputStream());

    Optional<Object> fast = FastCommandLine.parse(args.get(0), args.subList(1, args.size()), root);

    CommandLine.ParseResult picocli =
        Main.commandLine(args.toArray(String[]::new), root).parseArgs(args.toArray(String[]::new));
    Object expected = picocli.subcommand().commandSpec().userObject();
    assertThat(fast).isPresent();
    assertThat(fields(fast.get(), root)).isEqualTo(fields(expected, root)).isNotEmpty();
  }

  static Stream<Arguments> declined() {
    return Stream.of(
        line("run"),
        line("run", "--job", "x"),
        line("run", "--help"),
        line("run", "-h", "p.json"),
        line("run", "--version", "p.json"),
        line("run", "p.json", "-V"),
        line("run", "--job"),
        line("run", "--job", "--quiet", "p.json"),
        line("run", "--job=--quiet", "p.json"),
        line("run", "--job=", "p.json"),
        line("run", "--parallel", "x", "p.json"),
        line("run", "--parallel", "p.json"),
        line("run", "--parallel", "99999999999", "p.json"),
        line("run", "--parallel=-2", "p.json"),
        line("run", "--parallel", "-2", "p.json"),
        line("run", "--quiet", "--quiet", "p.json"),
        line("run", "--fail-fast", "--no-fail-fast", "p.json"),
        line("run", "--fail-fast", "--re-raise", "p.json"),
        line("run", "--dry-run=true", "p.json"),
        line("run", "--no-fail-fast=false", "p.json"),
        line("run", "--root", "a", "--root", "b", "p.json"),
        line("run", "@args.txt"),
        line("run", "--", "@p.json"),
        line("run", "-1"),
        line("run", "-vq", "p.json"),
        line("run", "--bogus", "p.json"),
        line("run", "-x", "p.json"),
        line("run", "--work-dir", "a\0b", "p.json"),
        line("run", "a\0b.json"),
        line("validate", "--plugins-dir", "p.json"),
        line("list", "--json", "--github-matrix", "p.json"),
        line("list", "--json", "--json", "p.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("declined")
  void doubtfulLineIsLeftToPicocli(List<String> args) {
    OxTaskCommand root = root(new ByteArrayOutputStream(), new ByteArrayOutputStream());

    assertThat(FastCommandLine.parse(args.get(0), args.subList(1, args.size()), root)).isEmpty();
  }

  static Stream<Arguments> printed() {
    String plan = valid.toString();
    return Stream.of(
        line("--no-such-option"),
        line("--bogus", "--other"),
        line("--he"),
        line("--vers"),
        line("--h"),
        line("--debug"),
        line("-x"),
        line("--bogus=1"),
        line("--v"),
        line("run", "--v", plan),
        line("run", "--o", "--x", plan),
        line("list", "--j", plan),
        line("validate", "--p", plan),
        line("run", "--bogus", plan),
        line("run", "--re", plan),
        line("run", "--jb", "x", plan),
        line("run", "--no-debug", plan),
        line("run", "--a", "--b", plan),
        line("run", plan, "--dry", "--work-dir", dir.resolve("w").toString()),
        line("run", "--help-me", plan),
        line("run", "--bogus"),
        line("run", "--bogus", "--quiet", "--quiet", plan),
        line("run", "--quiet", "--output", plan),
        line("run", "--parallel", "0", plan),
        line("run", "--dry-run", "--work-dir", dir.resolve("w").toString(), plan),
        line("validate", "--plugin", plan),
        line("validate", plan),
        line("validate", invalid.toString()),
        line("validate", plan, dir.resolve("missing.json").toString()),
        line("list", "--jsn", plan),
        line("list", "--yaml", "--json", plan),
        line("list", plan),
        line("list", "--json", plan),
        line("list", "--github-matrix", plan));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("printed")
  void lineExitsAndPrintsAsWithPicocli(List<String> args) {
    String[] line = args.toArray(String[]::new);

    String fast = render(root -> Main.run(line, root.out, root.err, Map.of(), false));
    String picocli = render(root -> Main.withPicocli(line, root, false));

    assertThat(fast).isEqualTo(picocli);
  }

  @Test
  void unknownOptionsAreReportedWithoutPicocli() {
    OxTaskCommand root = root(new ByteArrayOutputStream(), new ByteArrayOutputStream());

    assertThat(FastCommandLine.execute(new String[] {"run", "--bogus", "p.json"}, root, false))
        .hasValue(ExitCode.USAGE);
    assertThat(FastCommandLine.unknownRootOptions(new String[] {"--no-such-option"}, root.err))
        .hasValue(ExitCode.USAGE);
  }

  /** What {@link FastCommandLine#unknownRootOptions} takes for granted, to start faster. */
  @Test
  void theRootDeclaresOnlyTheStandardHelpOptions() {
    CommandDeclaration root = CommandDeclaration.of(OxTaskCommand.class);

    assertThat(root.declaresNothing()).isTrue();
    assertThat(root.visibleNames()).isEqualTo(CommandDeclaration.STANDARD_HELP_NAMES);
    assertThat(root.name()).isEqualTo(FastCommandLine.ROOT_NAME);
  }

  private static Arguments line(String... args) {
    return Arguments.of(List.of(args));
  }

  private static OxTaskCommand root(ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return new OxTaskCommand(
        Invocation.of(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            false));
  }

  /** Exit code, stdout and stderr of one way of running a line, run ids and times made equal. */
  private static String render(Function<OxTaskCommand, Integer> way) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = way.apply(root(out, err));
    return CliGoldenTest.render(
            exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8))
        .replaceAll("\\d{8}T\\d{6}Z-[0-9a-f]+", "<run id>");
  }

  /**
   * Every field picocli could set, mixins and groups opened up; the parent is checked to be the
   * root itself.
   */
  private static Map<String, Object> fields(Object command, OxTaskCommand root) throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Field field : command.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      field.setAccessible(true);
      Object value = field.get(command);
      if (field.isAnnotationPresent(ParentCommand.class)) {
        assertThat(value).isSameAs(root);
      } else if (field.isAnnotationPresent(Mixin.class)
          || field.isAnnotationPresent(ArgGroup.class)) {
        fields(value, root)
            .forEach((name, inner) -> fields.put(field.getName() + "." + name, inner));
      } else {
        fields.put(field.getName(), value instanceof List<?> list ? new ArrayList<>(list) : value);
      }
    }
    return fields;
  }
}
