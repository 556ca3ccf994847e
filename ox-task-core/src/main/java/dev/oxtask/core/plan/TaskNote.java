package dev.oxtask.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a job's result goes: a note class (found among the plugins) and its options.
 *
 * @param name the key under {@code notes}
 * @param className the note implementation: declared name, simple or fully qualified class name
 * @param description free text, one entry per line
 * @param conditions all must hold for the note to be sent; empty means always
 * @param options every other key, as plain JDK values (String, Number, Boolean, List, Map, null)
 * @param planFile the plan file that defines this note
 */
public record TaskNote(
    String name,
    String className,
    List<String> description,
    List<Condition> conditions,
    Map<String, Object> options,
    Path planFile) {

  public TaskNote {
    requireNonNull(name, "name");
    requireNonNull(className, "className");
    description = List.copyOf(description);
    conditions = List.copyOf(conditions);
    // Not Map.copyOf: option values may be JSON null, and plugins see keys in plan order.
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    requireNonNull(planFile, "planFile");
  }
}
