package dev.oxtask.core.pyenv;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long each env's build may take: the longest timeout of the jobs using it, at least 10 min.
 */
public final class BuildTimeouts {

  private BuildTimeouts() {}

  /** The build time limit of each env that {@code jobs} of {@code plan} use, by env name. */
  public static Map<String, Duration> forJobs(TaskPlan plan, Collection<TaskJob> jobs) {
    Map<String, Duration> limits = new LinkedHashMap<>();
    for (TaskJob job : jobs) {
      Optional<TaskEnv> env = plan.envOf(job);
      if (env.isPresent()) {
        Duration limit = max(job.timeout(), VenvBuilder.MIN_BUILD_TIMEOUT);
        Duration before = limits.get(env.get().name());
        limits.put(env.get().name(), before == null ? limit : max(before, limit));
      }
    }
    return limits;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
