package dev.oxtask.core.run;

import dev.oxtask.core.plan.TaskEnv;
import java.nio.file.Path;

/**
 * Gives the engine the Python virtual environment of an env that has {@code runtime} or {@code
 * requirements} (spec section 5). Called from several job threads at once; builds each env at most
 * once per run.
 */
public interface PythonEnvs {

  /**
   * The venv folder for {@code env} (its {@code bin} goes first on {@code PATH}), built if needed.
   *
   * @throws EnvSetupException when the venv could not be built; the job then ends as {@code error}
   */
  Path venvFor(TaskEnv env) throws EnvSetupException;

  /** Why an env could not be set up, with the tail of the tool's output. */
  final class EnvSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    public EnvSetupException(String message) {
      super(message);
    }

    public EnvSetupException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
