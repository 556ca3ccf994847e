package dev.oxtask.core.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A job ready to start: its environment (spec section 3), working directory and command after
 * substitution.
 *
 * @param environment every variable the process sees
 * @param cwd the working directory
 * @param command the argv to execute ({@code /bin/sh -c ...} for a shell job)
 */
record PreparedJob(Map<String, String> environment, Path cwd, List<String> command) {

  PreparedJob {
    environment = Map.copyOf(environment);
    command = List.copyOf(command);
  }
}
