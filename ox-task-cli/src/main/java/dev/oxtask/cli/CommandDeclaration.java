package dev.oxtask.cli;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * picocli's order, for {@link FastCommandLine}. A declaration using anything that {@link
 * FastCommandLine} cannot treat exactly as picocli does (a converter, a default value, a split
 * regex, an arity of its own, an annotated method, a nested group, ...) is not {@linkplain
 * #parsable() parsable}.
 */
final class CommandDeclaration {

  /** The names picocli adds for {@code mixinStandardHelpOptions}, after every declared option. */
  static final List<String> STANDARD_HELP_NAMES = List.of("-h", "--help", "-V", "--version");

  /** Attributes of {@code @Command} that only shape help and exit codes picocli's path prints. */
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
          "exitCodeList",
          "addMethodSubcommands");

  /** Attributes of {@code @Option} and {@code @Parameters} that only shape help and completion. */
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
          "arity");

  private static final Set<String> GROUP_HELP_ATTRIBUTES = Set.of("heading", "headingKey", "order");

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

  private static final Map<Class<?>, Map<Method, Object>> DEFAULTS = new HashMap<>();

  private final Command command;
  private final List<OptionField> options = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private Member positional;
  private Field parent;
  private boolean spec;

  private CommandDeclaration(Class<?> type) {
    command = type.getAnnotation(Command.class);
    if (command == null || !onlyDefaultsBesides(command, COMMAND_HELP_ATTRIBUTES)) {
      problems.add("@Command attributes");
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
    if (type.getSuperclass() != Object.class) {
      problems.add(type.getSimpleName() + " extends a class");
    }
    for (Method method : type.getDeclaredMethods()) {
      if (picocliAnnotations(method.getDeclaredAnnotations()) > 0) {
        problems.add("annotated method " + method.getName());
      }
    }
    if (via != null && picocliAnnotations(type.getDeclaredAnnotations()) > 0) {
      problems.add("annotated class " + type.getSimpleName());
    }
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
              && onlyDefaultsBesides(parameters, ARG_HELP_ATTRIBUTES)
              && convertible(member.valueType());
      if (fits) {
        positional = member;
      } else {
        problems.add("parameters " + field.getName());
      }
    } else if (field.isAnnotationPresent(Mixin.class) && via == null) {
      if (!onlyDefaultsBesides(field.getAnnotation(Mixin.class), Set.of("name"))) {
        problems.add("mixin " + field.getName());
      }
      readFields(field.getType(), field, false);
    } else if (field.isAnnotationPresent(ArgGroup.class) && via == null) {
      // Exclusive, at most once, validated: the defaults.
      if (!onlyDefaultsBesides(field.getAnnotation(ArgGroup.class), GROUP_HELP_ATTRIBUTES)) {
        problems.add("group " + field.getName());
      }
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
            && onlyDefaultsBesides(option, ARG_HELP_ATTRIBUTES)
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

  /** Whether every attribute of {@code annotation} outside {@code free} has its default value. */
  private static boolean onlyDefaultsBesides(Annotation annotation, Set<String> free) {
    for (Map.Entry<Method, Object> attribute : defaults(annotation.annotationType()).entrySet()) {
      if (free.contains(attribute.getKey().getName())) {
        continue;
      }
      try {
        if (!Objects.deepEquals(attribute.getKey().invoke(annotation), attribute.getValue())) {
          return false;
        }
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + attribute.getKey(), e);
      }
    }
    return true;
  }

  /**
   * Each attribute of an annotation type and its default value, read once per type: {@link
   * Method#getDefaultValue} parses the class file's bytes again at each call.
   */
  private static Map<Method, Object> defaults(Class<? extends Annotation> type) {
    synchronized (DEFAULTS) {
      return DEFAULTS.computeIfAbsent(
          type,
          t -> {
            Map<Method, Object> defaults = new HashMap<>();
            for (Method attribute : t.getDeclaredMethods()) {
              defaults.put(attribute, attribute.getDefaultValue());
            }
            return defaults;
          });
    }
  }
}
