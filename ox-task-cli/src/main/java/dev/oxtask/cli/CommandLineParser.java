package dev.oxtask.cli;

import dev.oxtask.cli.CommandDeclaration.Member;
import dev.oxtask.cli.CommandDeclaration.OptionField;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pass of {@link FastCommandLine} over one command line, with the options of one {@link
 * CommandDeclaration}, setting the fields of a new command object as picocli would; any doubt ends
 * it with an empty result, and the line is picocli's.
 */
final class CommandLineParser {

  /**
   * A command line parsed: the command with its fields set, or the unknown options it names when
   * everything else in it is right.
   */
  record Parsed(Object command, List<String> unknown) {}

  private final CommandDeclaration declaration;
  private final boolean unknownOk;
  private final Map<String, OptionField> byName = new HashMap<>();
  private final Set<String> negatedNames = new HashSet<>();
  // Identity sets: a record's hashCode is made at first use from method handles, which costs
  // a short run a few dozen milliseconds.
  private final Set<OptionField> seen = identitySet();
  private final Set<Field> groupsSeen = identitySet();
  private final Set<Member> listsStarted = identitySet();
  private final List<String> unknown = new ArrayList<>();
  private final List<Object> positional = new ArrayList<>();
  private Object command;

  CommandLineParser(CommandDeclaration declaration, boolean unknownOk) {
    this.declaration = declaration;
    this.unknownOk = unknownOk;
    for (OptionField option : declaration.options()) {
      for (String name : option.names()) {
        byName.put(name, option);
        if (option.negatable()) {
          byName.put(CommandDeclaration.negated(name), option);
          negatedNames.add(CommandDeclaration.negated(name));
        }
      }
    }
  }

  Optional<Parsed> parse(List<String> args, OxTaskCommand root) {
    if (!instantiate(root)) {
      return Optional.empty();
    }
    boolean endOfOptions = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      boolean fine;
      if (arg.startsWith("@")) {
        fine = false; // picocli reads arguments from @files
      } else if (endOfOptions || !arg.startsWith("-")) {
        fine = addPositional(arg);
      } else if (arg.equals("--")) {
        endOfOptions = true;
        fine = true;
      } else {
        int used = option(arg, i + 1 < args.size() ? args.get(i + 1) : null);
        fine = used >= 0;
        i += Math.max(used, 0);
      }
      if (!fine) {
        return Optional.empty();
      }
    }
    if (positional.isEmpty() || !set(declaration.positional(), new ArrayList<>(positional))) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(command, List.copyOf(unknown)));
  }

  /**
   * The option {@code arg}, with {@code next} as its value when it takes one and has none attached:
   * how many arguments after {@code arg} it used, or -1 to leave the line to picocli.
   */
  private int option(String arg, String next) {
    String name = arg;
    String attached = null;
    int separator = arg.indexOf('=');
    if (separator > 0
        && !byName.containsKey(arg)
        && byName.containsKey(arg.substring(0, separator))) {
      name = arg.substring(0, separator);
      attached = arg.substring(separator + 1);
    }
    OptionField option = byName.get(name);
    if (option == null) {
      boolean unknownOption =
          unknownOk
              && FastCommandLine.unknownOptionShape(arg)
              && !CommandDeclaration.STANDARD_HELP_NAMES.contains(arg);
      if (unknownOption) {
        unknown.add(arg);
      }
      return unknownOption ? 0 : -1;
    }
    Member member = option.member();
    boolean again = !member.multiValued() && !seen.add(option);
    boolean groupTaken = member.grouped() && !groupsSeen.add(member.via());
    if (again || groupTaken) {
      return -1; // picocli's error: given twice, or two options of an exclusive group
    }
    if (member.flag()) {
      return attached == null && set(member, !negatedNames.contains(name)) ? 0 : -1;
    }
    String value = attached != null ? attached : next;
    boolean usable =
        value != null
            && !value.startsWith("-")
            && !value.startsWith("@")
            && !(attached != null && value.isEmpty());
    Optional<Object> converted = usable ? convert(member.valueType(), value) : Optional.empty();
    if (converted.isEmpty()) {
      return -1;
    }
    if (member.multiValued()) {
      add(member, converted.get());
    } else {
      set(member, converted.get());
    }
    return attached != null ? 0 : 1;
  }

  private boolean addPositional(String arg) {
    Optional<Object> converted = convert(declaration.positional().valueType(), arg);
    if (converted.isPresent()) {
      positional.add(converted.get());
    }
    return converted.isPresent();
  }

  /** The command, its mixins made as picocli makes them, its parent set. */
  private boolean instantiate(OxTaskCommand root) {
    Optional<Object> made = make(declaration.parent().getDeclaringClass());
    if (made.isEmpty() || !declaration.parent().getType().isInstance(root)) {
      return false;
    }
    command = made.get();
    try {
      declaration.parent().set(command, root);
      for (OptionField option : declaration.options()) {
        if (!holderReady(option.member()) || initialFlagTrue(option.member())) {
          return false;
        }
      }
      return holderReady(declaration.positional());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot set up " + command.getClass().getName(), e);
    }
  }

  /** A mixin field left empty gets a new mixin, as picocli does; a group must be there. */
  private boolean holderReady(Member member) throws IllegalAccessException {
    Field via = member.via();
    if (via == null || via.get(command) != null) {
      return true;
    }
    if (member.grouped()) {
      return false;
    }
    Optional<Object> mixin = make(via.getType());
    if (mixin.isPresent()) {
      via.set(command, mixin.get());
    }
    return mixin.isPresent();
  }

  /** picocli flips a flag's initial value; only the usual {@code false} is handled here. */
  private boolean initialFlagTrue(Member member) throws IllegalAccessException {
    return member.flag() && member.field().getBoolean(holder(member));
  }

  private Object holder(Member member) throws IllegalAccessException {
    return member.via() == null ? command : member.via().get(command);
  }

  private boolean set(Member member, Object value) {
    try {
      member.field().set(holder(member), value);
      return true;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot set " + member.field(), e);
    }
  }

  /** A list option's first value replaces its initial list, as in picocli. */
  @SuppressWarnings("unchecked")
  private void add(Member member, Object value) {
    try {
      Object holder = holder(member);
      if (listsStarted.add(member)) {
        member.field().set(holder, new ArrayList<>());
      }
      ((List<Object>) member.field().get(holder)).add(value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot set " + member.field(), e);
    }
  }

  private static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private static Optional<Object> convert(Class<?> type, String value) {
    try {
      if (type == int.class) {
        return Optional.of(Integer.valueOf(value));
      }
      if (type == Path.class) {
        return Optional.of(Path.of(value));
      }
      return type == String.class ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException | InvalidPathException e) {
      return Optional.empty(); // picocli's to report, in its words
    }
  }

  private static Optional<Object> make(Class<?> type) {
    try {
      Constructor<?> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return Optional.of(constructor.newInstance());
    } catch (NoSuchMethodException e) {
      return Optional.empty(); // picocli's factory would fail: its message
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot create " + type.getName(), e);
    }
  }
}
