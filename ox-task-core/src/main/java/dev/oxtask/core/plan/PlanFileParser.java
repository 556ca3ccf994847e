package dev.oxtask.core.plan;

import dev.oxtask.core.text.ClosestName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns the tree of one plan file into envs, notes and jobs, reporting every problem (spec §2). */
final class PlanFileParser {

  static final List<String> PLAN_KEYS = List.of("envs", "notes", "jobs", "description", "$schema");
  static final List<String> ENV_KEYS =
      List.of("description", "runtime", "requirements", "path", "variables", "secrets");
  static final List<String> NOTE_KEYS = List.of("class_name", "conditions", "description");
  static final List<String> JOB_KEYS =
      List.of(
          "description", "env", "note", "command", "timeout", "shell", "retries", "retry_delay");

  private final Path file;
  private final List<Diagnostic> problems;
  private final List<Diagnostic> warnings;
  private final Map<String, TaskEnv> envs = new LinkedHashMap<>();
  private final Map<String, TaskNote> notes = new LinkedHashMap<>();
  private final Map<String, TaskJob> jobs = new LinkedHashMap<>();
  private final Map<String, SourceLocation> defined = new LinkedHashMap<>();
  private final List<ParsedFile.Reference> references = new ArrayList<>();

  PlanFileParser(Path file, List<Diagnostic> problems, List<Diagnostic> warnings) {
    this.file = file;
    this.problems = problems;
    this.warnings = warnings;
  }

  ParsedFile parse(Node root) {
    List<String> description = List.of();
    if (root instanceof Node.Obj plan) {
      Fields fields = new Fields(plan, "", plan.at(), problems, warnings);
      fields.rejectUnknownKeys(PLAN_KEYS, "the plan");
      description = fields.description();
      fields.string("$schema");
      section(fields, "envs");
      section(fields, "notes");
      section(fields, "jobs");
    } else {
      problems.add(
          new Diagnostic(
              root.at(),
              "",
              "expected the plan to be a JSON object with \"envs\", \"notes\" and \"jobs\", not "
                  + root.describe()));
    }
    return new ParsedFile(file, description, envs, notes, jobs, defined, references, root);
  }

  private void section(Fields plan, String section) {
    Optional<Node> value = plan.node(section);
    String kind = section.substring(0, section.length() - 1);
    if (value.isEmpty()) {
      return;
    }
    if (!(value.get() instanceof Node.Obj entries)) {
      plan.problem(
          value.get().at(),
          section,
          "expected an object of " + section + " by name, not " + value.get().describe());
      return;
    }
    Fields sectionFields = plan.nested(entries, section, value.get().at());
    for (Node.Member member : entries.members().values()) {
      String path = sectionFields.pathOf(member.key());
      if (member.value() instanceof Node.Obj obj) {
        defined.put(path, member.keyAt());
        readEntry(section, member.key(), sectionFields.nestedAt(obj, path, member.keyAt()));
      } else if (!member.key().startsWith("_")) {
        defined.put(path, member.keyAt());
        plan.problem(
            member.value().at(),
            path,
            "expected an object describing the " + kind + ", not " + member.value().describe());
      } else if (!isComment(member.value())) {
        sectionFields.warning(
            member.keyAt(),
            path,
            "ignored: '"
                + member.key()
                + "' is neither a "
                + kind
                + " (an object) nor a comment (a string or a list of strings)");
      }
    }
  }

  private void readEntry(String section, String name, Fields fields) {
    switch (section) {
      case "envs" -> env(name, fields);
      case "notes" -> note(name, fields);
      case "jobs" -> job(name, fields);
    }
  }

  /** In the envs, notes and jobs maps, a {@code _} key holding text is a comment. */
  private static boolean isComment(Node value) {
    if (!(value instanceof Node.Arr list)) {
      return isText(value);
    }
    for (Node item : list.items()) {
      if (!isText(item)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isText(Node value) {
    return value instanceof Node.Scalar s && s.value() instanceof String;
  }

  private void env(String name, Fields fields) {
    fields.rejectUnknownKeys(ENV_KEYS, "env '" + name + "'");
    EnvironmentRules.check(fields);
    envs.put(
        name,
        new TaskEnv(
            name,
            fields.description(),
            fields.string("runtime"),
            fields.strings("requirements"),
            fields.string("path"),
            fields.stringMap("variables"),
            fields.strings("secrets"),
            file));
  }

  private void note(String name, Fields fields) {
    Optional<String> className = fields.string("class_name");
    if (fields.node("class_name").isEmpty()) {
      fields.missing(
          "class_name", "expected the note class, e.g. \"class_name\": \"SimpleFileLog\"");
    } else if (className.isPresent() && className.get().isBlank()) {
      fields.problem(
          fields.node("class_name").get().at(),
          fields.pathOf("class_name"),
          "expected the note class, e.g. \"SimpleFileLog\", not an empty string");
    }
    List<Condition> conditions = conditions(fields);
    Map<String, Object> options = new LinkedHashMap<>();
    for (Node.Member member : fields.members()) {
      if (!NOTE_KEYS.contains(member.key()) && !Fields.isNull(member.value())) {
        options.put(member.key(), Node.plain(member.value()));
      }
    }
    List<String> description = fields.description();
    if (className.isPresent() && !className.get().isBlank()) {
      notes.put(name, new TaskNote(name, className.get(), description, conditions, options, file));
    }
  }

  private List<Condition> conditions(Fields fields) {
    fields.strings("conditions"); // reports a value that is not a list of strings
    if (!(fields.node("conditions").orElse(null) instanceof Node.Arr written)) {
      return List.of();
    }
    List<Condition> conditions = new ArrayList<>();
    for (int i = 0; i < written.items().size(); i++) {
      Node item = written.items().get(i);
      if (!(item instanceof Node.Scalar s && s.value() instanceof String name)) {
        continue;
      }
      Optional<Condition> condition = Condition.fromKey(name);
      if (condition.isPresent()) {
        conditions.add(condition.get());
        continue;
      }
      String fix =
          ClosestName.of(name, Condition.keys())
              .map(c -> " — did you mean '" + c + "'?")
              .orElse("; expected one of: " + String.join(", ", Condition.keys()));
      fields.problem(
          item.at(),
          fields.pathOf("conditions") + "[" + i + "]",
          "unknown condition '" + name + "'" + fix);
    }
    return conditions;
  }

  private void job(String name, Fields fields) {
    fields.rejectUnknownKeys(JOB_KEYS, "job '" + name + "'");
    List<String> description = fields.description();
    Optional<String> env = reference(fields, "envs", "env");
    Optional<String> note = reference(fields, "notes", "note");
    boolean shell = fields.bool("shell", false);
    List<String> command = new JobCommand(fields).read(shell);
    Duration timeout = fields.seconds("timeout", TaskJob.DEFAULT_TIMEOUT);
    int retries = fields.count("retries", 0, "extra attempts");
    Duration retryDelay = fields.seconds("retry_delay", TaskJob.DEFAULT_RETRY_DELAY);
    if (!command.isEmpty()) {
      jobs.put(
          name,
          new TaskJob(
              name, description, env, note, command, shell, timeout, retries, retryDelay, file));
    }
  }

  /** {@code env} or {@code note} of a job; {@code ""} means none. */
  private Optional<String> reference(Fields fields, String section, String key) {
    Optional<String> name = fields.string(key);
    if (name.isEmpty() || name.get().isEmpty()) {
      return Optional.empty();
    }
    references.add(
        new ParsedFile.Reference(
            section, name.get(), fields.node(key).orElseThrow().at(), fields.pathOf(key)));
    return name;
  }
}
