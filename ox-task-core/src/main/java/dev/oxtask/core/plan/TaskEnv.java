package dev.oxtask.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An environment jobs run in: variables, secrets, a working folder and, optionally, a Python venv.
 *
 * @param name the key under {@code envs}
 * @param description free text, one entry per line
 * @param runtime the Python interpreter for the venv, e.g. {@code python3.11}
 * @param requirements lines of a pip requirements file
 * @param path the job's working directory, relative to the runner root
 * @param variables environment variables in plan order (later ones may refer to earlier ones)
 * @param secrets names of variables whose values are masked everywhere
 * @param planFile the plan file that defines this env
 */
public record TaskEnv(
    String name,
    List<String> description,
    Optional<String> runtime,
    List<String> requirements,
    Optional<String> path,
    Map<String, String> variables,
    List<String> secrets,
    Path planFile) {

  public TaskEnv {
    requireNonNull(name, "name");
    description = List.copyOf(description);
    requireNonNull(runtime, "runtime");
    requirements = List.copyOf(requirements);
    requireNonNull(path, "path");
    // Order matters: each variable sees the ones before it.
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    secrets = List.copyOf(secrets);
    requireNonNull(planFile, "planFile");
  }

  /**
   * True when a variable's value is a command to run: it starts and ends with a backtick (spec
   * section 3).
   */
  public static boolean isBacktick(String value) {
    return value.length() >= 2 && value.startsWith("`") && value.endsWith("`");
  }

  /** True when jobs of this env run inside a Python virtual environment (spec section 5). */
  public boolean needsPythonEnv() {
    return runtime.isPresent() || !requirements.isEmpty();
  }
}
