package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.cli.ClassFileAnnotations.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

class ClassFileAnnotationsTest {

  @Retention(RetentionPolicy.RUNTIME)
  @interface Sample {
    String text() default "";

    int number() default 0;

    boolean flag() default false;

    String[] words() default {};

    Thread.State state() default Thread.State.NEW;

    Class<?> type() default Object.class;

    long big() default 0;

    double real() default 0;

    Retention nested() default @Retention(RetentionPolicy.CLASS);
  }

  @Sample(
      text = "t",
      number = 7,
      flag = true,
      words = {"a", "b"},
      state = Thread.State.RUNNABLE,
      type = String.class,
      big = 1L << 40,
      real = 2.5,
      nested = @Retention(RetentionPolicy.SOURCE))
  static final class Annotated {
    static final long LONG_CONSTANT = 123_456_789_012L;
    static final double DOUBLE_CONSTANT = 1.5;

    @Sample(words = "one")
    @Deprecated
    String annotated;

    String plain;
  }

  @Test
  void everyKindOfAttributeIsReadAsTheSourceGivesIt() {
    ClassFileAnnotations read = ClassFileAnnotations.of(Annotated.class).orElseThrow();

    assertThat(read.annotations())
        .containsExactly(
            new Annotation(
                Sample.class.getName(),
                Map.of(
                    "text",
                    "t",
                    "number",
                    7,
                    "flag",
                    true,
                    "words",
                    List.of("a", "b"),
                    "state",
                    "RUNNABLE",
                    "type",
                    "Ljava/lang/String;",
                    "big",
                    1L << 40,
                    "real",
                    2.5,
                    "nested",
                    new Annotation(Retention.class.getName(), Map.of("value", "SOURCE")))));
  }

  @Test
  void fieldsComeInDeclarationOrderWithTheirRuntimeAnnotations() {
    ClassFileAnnotations read = ClassFileAnnotations.of(Annotated.class).orElseThrow();

    assertThat(read.fields().keySet())
        .containsExactly("LONG_CONSTANT", "DOUBLE_CONSTANT", "annotated", "plain");
    assertThat(read.fields().get("annotated"))
        .containsExactly(
            new Annotation(Sample.class.getName(), Map.of("words", List.of("one"))),
            new Annotation(Deprecated.class.getName(), Map.of()));
    assertThat(read.fields().get("plain")).isEmpty();
  }

  @Test
  void aClassInAJarIsReadFromTheJar() {
    ClassFileAnnotations read = ClassFileAnnotations.of(HelpCommand.class).orElseThrow();

    assertThat(HelpCommand.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .endsWith(".jar");
    assertThat(read.annotations()).hasSize(1);
    assertThat(read.annotations().get(0).type()).isEqualTo(Command.class.getName());
    assertThat(read.annotations().get(0).string("name", "")).isEqualTo("help");
  }

  /** What the root help shows of each command, as {@link RootHelp} reads it. */
  @Test
  void everyCommandsNameHeaderAndDescriptionReadAsReflectionReadsThem() {
    List<Class<?>> commands = new java.util.ArrayList<>(OxTaskCommand.subcommands());
    commands.add(OxTaskCommand.class);
    for (Class<?> type : commands) {
      Command reflected = type.getAnnotation(Command.class);
      Annotation read =
          ClassFileAnnotations.of(type).orElseThrow().annotations().stream()
              .filter(a -> a.type().equals(Command.class.getName()))
              .findFirst()
              .orElseThrow();

      assertThat(read.string("name", "")).as(type.getName()).isEqualTo(reflected.name());
      assertThat(read.strings("header")).isEqualTo(List.of(reflected.header()));
      assertThat(read.strings("description")).isEqualTo(List.of(reflected.description()));
    }
  }

  @Test
  void aClassWithoutAClassFileHasNone() {
    Runnable lambda = () -> {};

    assertThat(ClassFileAnnotations.of(lambda.getClass())).isEmpty();
  }
}
