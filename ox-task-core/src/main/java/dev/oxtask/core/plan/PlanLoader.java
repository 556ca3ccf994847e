package dev.oxtask.core.plan;

import dev.oxtask.core.text.ClosestName;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads plan files ({@code .json}, or {@code .py} evaluated by Python), merges them and checks them
 * strictly (spec §2). Every problem of every file is reported at once.
 */
public final class PlanLoader {

  /** How long a {@code .py} plan may take to define its envs, notes and jobs. */
  public static final Duration PYTHON_TIMEOUT = Duration.ofSeconds(60);

  private final String python;

  /** A loader that evaluates {@code .py} plans with {@code python} (a command or a path). */
  public PlanLoader(String python) {
    this.python = python;
  }

  /** A loader using {@code $OX_TASK_PYTHON}, else {@code python3}. */
  public static PlanLoader fromEnvironment(Map<String, String> environment) {
    String python = environment.getOrDefault("OX_TASK_PYTHON", "");
    return new PlanLoader(python.isBlank() ? "python3" : python);
  }

  /**
   * Reads, merges and checks {@code files}.
   *
   * @throws PlanException with every problem found, each located by file, line and column
   */
  public TaskPlan load(List<Path> files) throws PlanException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("at least one plan file is needed");
    }
    List<Diagnostic> problems = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>();
    List<ParsedFile> parsed = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path file : files) {
      if (!seen.add(file.toAbsolutePath().normalize())) {
        problems.add(
            new Diagnostic(
                SourceLocation.of(file), "", "this plan file is named twice; name it once"));
        continue;
      }
      List<Diagnostic> fileProblems = new ArrayList<>();
      List<Diagnostic> fileWarnings = new ArrayList<>();
      Optional<Node> root = read(file, fileProblems, fileWarnings);
      if (root.isPresent()) {
        parsed.add(new PlanFileParser(file, fileProblems, fileWarnings).parse(root.get()));
      }
      problems.addAll(inWrittenOrder(fileProblems));
      warnings.addAll(inWrittenOrder(fileWarnings));
    }
    TaskPlan plan = merge(files, parsed, problems, warnings);
    checkReferences(parsed, problems);
    if (!problems.isEmpty()) {
      throw new PlanException(problems, plan);
    }
    return plan;
  }

  private static List<Diagnostic> inWrittenOrder(List<Diagnostic> diagnostics) {
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(Diagnostic.IN_WRITTEN_ORDER);
    return sorted;
  }

  private Optional<Node> read(Path file, List<Diagnostic> problems, List<Diagnostic> warnings) {
    SourceLocation at = SourceLocation.of(file);
    if (Files.isDirectory(file)) {
      problems.add(new Diagnostic(at, "", "is a folder; expected a .json or .py plan file"));
      return Optional.empty();
    }
    if (file.toString().endsWith(".py")) {
      if (!Files.isRegularFile(file)) {
        problems.add(new Diagnostic(at, "", "cannot read the plan: no such file"));
        return Optional.empty();
      }
      return new PythonPlanReader(python, PYTHON_TIMEOUT).read(file, problems, warnings);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      problems.add(new Diagnostic(at, "", "cannot read the plan: no such file"));
      return Optional.empty();
    } catch (AccessDeniedException e) {
      problems.add(new Diagnostic(at, "", "cannot read the plan: permission denied"));
      return Optional.empty();
    } catch (CharacterCodingException e) {
      problems.add(new Diagnostic(at, "", "cannot read the plan: it is not UTF-8 text"));
      return Optional.empty();
    } catch (IOException e) {
      problems.add(new Diagnostic(at, "", "cannot read the plan: " + e.getMessage()));
      return Optional.empty();
    }
    // A byte order mark is not JSON, but some Windows editors write one.
    String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return new JsonTreeReader(file, true, problems).read(json);
  }

  private static TaskPlan merge(
      List<Path> files,
      List<ParsedFile> parsed,
      List<Diagnostic> problems,
      List<Diagnostic> warnings) {
    List<String> description = new ArrayList<>();
    Map<String, TaskEnv> envs = new LinkedHashMap<>();
    Map<String, TaskNote> notes = new LinkedHashMap<>();
    Map<String, TaskJob> jobs = new LinkedHashMap<>();
    List<Node> roots = new ArrayList<>();
    Map<String, SourceLocation> defined = new LinkedHashMap<>();
    for (ParsedFile file : parsed) {
      description.addAll(file.description());
      for (Map.Entry<String, SourceLocation> name : file.defined().entrySet()) {
        String path = name.getKey();
        SourceLocation at = name.getValue();
        SourceLocation first = defined.putIfAbsent(path, at);
        if (first != null) {
          problems.add(definedTwice(path, first, at));
        }
      }
      putAllAbsent(envs, file.envs());
      putAllAbsent(notes, file.notes());
      putAllAbsent(jobs, file.jobs());
      roots.add(file.root());
    }
    return new TaskPlan(files, description, envs, notes, jobs, new KeyLocations(roots), warnings);
  }

  private static <V> void putAllAbsent(Map<String, V> into, Map<String, V> from) {
    for (Map.Entry<String, V> entry : from.entrySet()) {
      into.putIfAbsent(entry.getKey(), entry.getValue());
    }
  }

  private static Diagnostic definedTwice(String path, SourceLocation first, SourceLocation again) {
    int dot = path.indexOf('.');
    String kind = path.substring(0, dot - 1);
    String name = path.substring(dot + 1);
    String where = first.file().equals(again.file()) ? "line " + first.line() : first.toString();
    return new Diagnostic(
        again,
        path,
        kind
            + " '"
            + name
            + "' is already defined at "
            + where
            + "; a name may be defined once across all plan files: rename or remove one");
  }

  private static void checkReferences(List<ParsedFile> parsed, List<Diagnostic> problems) {
    Map<String, List<String>> names =
        Map.of(
            "envs", namesIn(parsed, "envs"),
            "notes", namesIn(parsed, "notes"));
    for (ParsedFile file : parsed) {
      for (ParsedFile.Reference ref : file.references()) {
        List<String> known = names.get(ref.section());
        if (known.contains(ref.name())) {
          continue;
        }
        String fix =
            ClosestName.of(ref.name(), known)
                .map(c -> " — did you mean '" + c + "'?")
                .orElse(
                    known.isEmpty()
                        ? "; the plan defines no " + ref.section()
                        : "; the plan defines: " + String.join(", ", known));
        String none = ref.section().equals("notes") ? " (use \"note\": \"\" for none)" : "";
        problems.add(
            new Diagnostic(
                ref.at(),
                ref.keyPath(),
                "no " + ref.kind() + " named '" + ref.name() + "' is defined" + fix + none));
      }
    }
  }

  private static List<String> namesIn(List<ParsedFile> parsed, String section) {
    String prefix = section + ".";
    Set<String> names = new LinkedHashSet<>();
    for (ParsedFile file : parsed) {
      for (String path : file.defined().keySet()) {
        if (path.startsWith(prefix)) {
          names.add(path.substring(prefix.length()));
        }
      }
    }
    return new ArrayList<>(names);
  }
}
