package dev.oxtask.cli;

import dev.oxtask.cli.ClassFileAnnotations.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options and parameters a picocli command class declares, for {@link FastCommandLine}: as
 * {@link CommandTable} writes them down (what a command line uses), or read from the same
 * annotations picocli reads (the command's fields, its {@code @Mixin}s and its {@code @ArgGroup}s),
 * in picocli's order, from the class files ({@link ClassFileAnnotations}) without loading picocli
 * (what {@code CommandTableTest} compares the table with). A declaration using a field or a type
 * that {@link FastCommandLine} cannot treat exactly as picocli does (an arity of its own, a nested
 * group, a {@code @Spec}, a map, ...) is not {@linkplain #parsable() parsable}. The annotations'
 * other attributes (converters, default values, split regexes, ...) and annotated methods are not
 * read here: {@code FastCommandLineTest} checks that the commands of {@link
 * FastCommandLine#COMMANDS} use none of them, and that this class reads what reflection reads.
 */
final class CommandDeclaration {

  /** The names picocli adds for {@code mixinStandardHelpOptions}, after every declared option. */
  static final List<String> STANDARD_HELP_NAMES = List.of("-h", "--help", "-V", "--version");

  private static final String PICOCLI = "picocli.CommandLine$";

  /**
   * Where an option's or parameter's field is: {@code via} a mixin or group field, or not.
   *
   * @param valueType the type of a value: the element type of a list, else the field's own type
   */
  record Member(Field via, Field field, boolean grouped, Class<?> valueType) {

    /** The field's value type, its element type for a list, read by reflection. */
    static Class<?> valueTypeOf(Field field) {
      if (field.getType() != List.class) {
        return field.getType();
      }
      Type element = ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
      return element instanceof Class<?> type ? type : Object.class;
    }

    /** {@code mixin.field}, or {@code field} for a field of the command itself. */
    String path() {
      return via == null ? field.getName() : via.getName().concat(".").concat(field.getName());
    }

    boolean multiValued() {
      return field.getType() == List.class;
    }

    boolean flag() {
      return field.getType() == boolean.class;
    }
  }

  /**
   * One {@code @Option}: what its annotation says and its field.
   *
   * @param names its names, as declared
   * @param negatable whether {@code --no-NAME} is accepted too
   * @param hidden whether help and suggestions leave it out
   * @param member its field
   */
  record OptionField(List<String> names, boolean negatable, boolean hidden, Member member) {}

  private final List<OptionField> options = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private String name = "";
  private boolean standardHelp;
  private Member positional;
  private Field parent;
  private boolean spec;

  private CommandDeclaration(Class<?> type, Optional<ClassFileAnnotations> classFile) {
    if (classFile.isEmpty()) {
      problems.add("no class file");
      return;
    }
    ClassFileAnnotations annotations = classFile.get();
    Optional<Annotation> command = find(annotations.annotations(), "Command");
    if (command.isEmpty()) {
      problems.add("no @Command");
    } else {
      // picocli's defaults for the attributes the source leaves out
      name = command.get().string("name", "<main class>");
      standardHelp = command.get().bool("mixinStandardHelpOptions");
    }
    readFields(type, annotations, null, false);
  }

  /**
   * A declaration as {@link CommandTable} writes it down, each part given.
   *
   * @param parent the {@code @ParentCommand} field
   * @param positional the {@code @Parameters} field
   */
  static CommandDeclaration written(
      String name,
      boolean standardHelp,
      Field parent,
      Member positional,
      List<OptionField> options) {
    CommandDeclaration declaration = new CommandDeclaration(name, standardHelp);
    declaration.parent = parent;
    declaration.positional = positional;
    declaration.options.addAll(options);
    return declaration;
  }

  private CommandDeclaration(String name, boolean standardHelp) {
    this.name = name;
    this.standardHelp = standardHelp;
  }

  /** The declaration of the picocli command class {@code type}, read from its class file. */
  static CommandDeclaration of(Class<?> type) {
    return new CommandDeclaration(type, ClassFileAnnotations.of(type));
  }

  /** The command's name, as a command line names it. */
  String name() {
    return name;
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
    return standardHelp;
  }

  /** Every visible option name in picocli's order (its suggestions for a misspelt option). */
  List<String> visibleNames() {
    List<String> names = new ArrayList<>();
    for (OptionField declared : options) {
      if (!declared.hidden()) {
        names.addAll(declared.names());
      }
    }
    if (standardHelp) {
      names.addAll(STANDARD_HELP_NAMES);
    }
    return names;
  }

  /** The negated form picocli accepts for the long option {@code name}. */
  static String negated(String name) {
    return "--no-".concat(name.substring(2));
  }

  private void readFields(
      Class<?> type, ClassFileAnnotations annotations, Field via, boolean grouped) {
    for (Map.Entry<String, List<Annotation>> declared : annotations.fields().entrySet()) {
      List<Annotation> picocli = new ArrayList<>();
      for (Annotation annotation : declared.getValue()) {
        if (annotation.type().startsWith("picocli.")) {
          picocli.add(annotation);
        }
      }
      if (picocli.isEmpty()) {
        continue;
      }
      Field field;
      try {
        field = type.getDeclaredField(declared.getKey());
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(
            "the class file of " + type + " names " + e.getMessage(), e);
      }
      if (picocli.size() > 1 || Modifier.isStatic(field.getModifiers())) {
        problems.add("field " + field.getName());
        continue;
      }
      field.setAccessible(true);
      readField(picocli.get(0), new Member(via, field, grouped, Member.valueTypeOf(field)));
    }
  }

  private void readField(Annotation annotation, Member member) {
    Field field = member.field();
    boolean own = member.via() == null;
    String type = annotation.type();
    switch (type.startsWith(PICOCLI) ? type.substring(PICOCLI.length()) : type) {
      case "Option" -> readOption(annotation, member);
      case "Parameters" -> readPositional(annotation, member);
      case "Mixin", "ArgGroup" -> {
        Optional<ClassFileAnnotations> inner = ClassFileAnnotations.of(field.getType());
        if (own && inner.isPresent()) {
          readFields(field.getType(), inner.get(), field, type.endsWith("ArgGroup"));
        } else {
          problems.add("mixin or group " + field.getName());
        }
      }
      case "ParentCommand" -> {
        if (own) {
          parent = field;
        } else {
          problems.add("parent " + field.getName());
        }
      }
      case "Spec" -> spec = true;
      default -> problems.add("field " + field.getName());
    }
  }

  private void readOption(Annotation option, Member member) {
    boolean negatable = option.bool("negatable");
    List<String> names = option.strings("names");
    boolean fits =
        option.string("arity", "").isEmpty()
            && !names.isEmpty()
            && convertible(member.valueType())
            && (!member.grouped() || member.flag())
            && (!negatable || (member.flag() && negatableNames(names)));
    if (fits) {
      options.add(new OptionField(names, negatable, option.bool("hidden"), member));
    } else {
      problems.add("option " + member.field().getName());
    }
  }

  private void readPositional(Annotation parameters, Member member) {
    boolean fits =
        positional == null
            && !member.grouped()
            && parameters.string("arity", "").equals("1..*")
            && member.multiValued()
            && convertible(member.valueType());
    if (fits) {
      positional = member;
    } else {
      problems.add("parameters " + member.field().getName());
    }
  }

  /** Every name is {@code --name}, so its negated form is {@code --no-name}. */
  private static boolean negatableNames(List<String> names) {
    for (String name : names) {
      if (!name.startsWith("--") || name.startsWith("--no-")) {
        return false;
      }
    }
    return true;
  }

  private static boolean convertible(Class<?> type) {
    return type == boolean.class || type == int.class || type == String.class || type == Path.class;
  }

  private static Optional<Annotation> find(List<Annotation> annotations, String picocliType) {
    for (Annotation annotation : annotations) {
      if (annotation.type().equals(PICOCLI.concat(picocliType))) {
        return Optional.of(annotation);
      }
    }
    return Optional.empty();
  }
}
