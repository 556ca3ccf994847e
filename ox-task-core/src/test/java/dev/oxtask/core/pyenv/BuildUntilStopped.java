package dev.oxtask.core.pyenv;

import dev.oxtask.core.plan.TaskEnv;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A separate JVM for {@link InterruptedBuildTest}: builds an env whose pip waits on a silent index
 * ({@code args}: work dir, root, index URL) until the JVM is told to stop.
 */
final class BuildUntilStopped {

  private BuildUntilStopped() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("PIP_TIMEOUT", "600");
    environment.put("PIP_RETRIES", "0");
    TaskEnv env =
        new TaskEnv(
            "hang",
            List.of(),
            Optional.empty(),
            List.of("--index-url " + args[2], "oxtiny"),
            Optional.empty(),
            Map.of(),
            List.of(),
            Path.of("plan.json"));
    new VenvBuilder(work, Path.of(args[1]), work.resolve("run"), Map.of(), environment)
        .venvFor(env);
  }
}
