package dev.oxtask.cli;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The options and parameters a picocli command class declares, read from the same annotations
 * picocli reads (the command's fields, its {@code @Mixin}s and its {@code @ArgGroup}s), in
 * picocli's order, for {@link FastCommandLine}. A declaration using a field or a type that {@link
 * FastCommandLine} cannot treat exactly as picocli does (an arity of its own, a nested group, a
 * {@code @Spec}, a map, ...) is not {@linkplain #parsable() parsable}. The annotations' other
 * attributes (converters, default values, split regexes, ...) and annotated methods are not read
 * here, to start faster: {@code FastCommandLineTest} checks that the commands of {@link
 * FastCommandLine#COMMANDS} use none of them.
 */
final class CommandDeclaration {

  /** The names picocli adds for {@code mixinStandardHelpOptions}, after every declared option. */
  static final List<String> STANDARD_HELP_NAMES = List.of("-h", "--help", "-V", "--version");

  /** Where an option's or parameter's field is: {@code via} a mixin or group field, or not. */
  record Member(Field via, Field field, boolean grouped) {

    /** The element type of a list, else the field's own type. */
    Class<?> valueType() {
      if (field.getType() != List.class) {
        return field.getType();
      }
      Type element = ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
      return element instanceof Class<?> type ? type : Object.class;
    }

    boolean multiValued() {
      return field.getType() == List.class;
    }

    boolean flag() {
      return field.getType() == boolean.class;
    }
  }

  /** One {@code @Option}: its annotation and its field. */
  record OptionField(Option option, Member member) {}

  private final Command command;
  private final List<OptionField> options = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private Member positional;
  private Field parent;
  private boolean spec;

  private CommandDeclaration(Class<?> type) {
    command = type.getAnnotation(Command.class);
    if (command == null) {
      problems.add("no @Command");
    }
    readFields(type, null, false);
  }

  /** The declaration of the picocli command class {@code type}. */
  static CommandDeclaration of(Class<?> type) {
    return new CommandDeclaration(type);
  }

  /** The command's name, as a command line names it. */
  String name() {
    return command == null ? "" : command.name();
  }

  /** Whether {@link FastCommandLine} parses this command's lines exactly as picocli would. */
  boolean parsable() {
    return problems.isEmpty() && !spec && positional != null && parent != null;
  }

  /** Whether the command declares no option or parameter of its own (its help options aside). */
  boolean declaresNothing() {
    return problems.isEmpty() && options.isEmpty() && positional == null;
  }

  /** What makes the declaration unparsable, for a test that keeps it parsable. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  List<OptionField> options() {
    return options;
  }

  /** The {@code @Parameters} field. */
  Member positional() {
    return positional;
  }

  /** The {@code @ParentCommand} field. */
  Field parent() {
    return parent;
  }

  /** Whether picocli adds {@code -h/--help} and {@code -V/--version} to the command. */
  boolean standardHelp() {
    return command != null && command.mixinStandardHelpOptions();
  }

  /** Every visible option name in picocli's order (its suggestions for a misspelt option). */
  List<String> visibleNames() {
    List<String> names = new ArrayList<>();
    for (OptionField declared : options) {
      if (!declared.option().hidden()) {
        names.addAll(List.of(declared.option().names()));
      }
    }
    if (standardHelp()) {
      names.addAll(STANDARD_HELP_NAMES);
    }
    return names;
  }

  private void readFields(Class<?> type, Field via, boolean grouped) {
    for (Field field : type.getDeclaredFields()) {
      int count = picocliAnnotations(field.getDeclaredAnnotations());
      if (count == 0) {
        continue;
      }
      if (count > 1 || Modifier.isStatic(field.getModifiers())) {
        problems.add("field " + field.getName());
        continue;
      }
      field.setAccessible(true);
      readField(field, via, grouped);
    }
  }

  private void readField(Field field, Field via, boolean grouped) {
    Member member = new Member(via, field, grouped);
    Option option = field.getAnnotation(Option.class);
    Parameters parameters = field.getAnnotation(Parameters.class);
    if (option != null) {
      readOption(option, member);
    } else if (parameters != null) {
      boolean fits =
          positional == null
              && !grouped
              && parameters.arity().equals("1..*")
              && member.multiValued()
              && convertible(member.valueType());
      if (fits) {
        positional = member;
      } else {
        problems.add("parameters " + field.getName());
      }
    } else if (field.isAnnotationPresent(Mixin.class) && via == null) {
      readFields(field.getType(), field, false);
    } else if (field.isAnnotationPresent(ArgGroup.class) && via == null) {
      readFields(field.getType(), field, true);
    } else if (field.isAnnotationPresent(ParentCommand.class) && via == null) {
      parent = field;
    } else if (field.isAnnotationPresent(Spec.class) && via == null) {
      spec = true;
    } else {
      problems.add("field " + field.getName());
    }
  }

  private void readOption(Option option, Member member) {
    Class<?> type = member.field().getType();
    boolean fits =
        option.arity().isEmpty()
            && convertible(member.valueType())
            && (!member.grouped() || member.flag())
            && (!option.negatable() || (type == boolean.class && negatableNames(option)));
    if (fits) {
      options.add(new OptionField(option, member));
    } else {
      problems.add("option " + member.field().getName());
    }
  }

  /** Every name is {@code --name}, so its negated form is {@code --no-name}. */
  private static boolean negatableNames(Option option) {
    for (String name : option.names()) {
      if (!name.startsWith("--") || name.startsWith("--no-")) {
        return false;
      }
    }
    return true;
  }

  /** The negated form picocli accepts for the long option {@code name}. */
  static String negated(String name) {
    return "--no-" + name.substring(2);
  }

  private static boolean convertible(Class<?> type) {
    return type == boolean.class || type == int.class || type == String.class || type == Path.class;
  }

  private static int picocliAnnotations(Annotation[] annotations) {
    int count = 0;
    for (Annotation annotation : annotations) {
      if (annotation.annotationType().getName().startsWith("picocli.")) {
        count++;
      }
    }
    return count;
  }
}
