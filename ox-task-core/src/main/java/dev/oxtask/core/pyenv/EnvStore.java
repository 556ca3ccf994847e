package dev.oxtask.core.pyenv;

import dev.oxtask.core.run.LockFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The envs kept in a work dir ({@code <work-dir>/envs}): listing them and removing stale ones. */
public final class EnvStore {

  private final Path envsDir;

  public EnvStore(Path workDir) {
    this.envsDir = workDir.toAbsolutePath().resolve("envs");
  }

  /** Where the envs are kept. */
  public Path envsDir() {
    return envsDir;
  }

  /**
   * What {@code ox_task envs} shows about one env folder.
   *
   * @param folder the venv folder
   * @param complete whether its build finished (the marker exists)
   * @param sizeBytes bytes of its files
   * @param lastUsed when a run last used it (or finished building it)
   * @param python the interpreter version it was built with, when complete
   */
  public record EnvInfo(
      EnvFolder folder,
      boolean complete,
      long sizeBytes,
      Instant lastUsed,
      Optional<String> python) {}

  /**
   * An env that {@link #prune} removed, or left because another process holds its lock.
   *
   * @param env the env as it was before pruning
   * @param removed false when it was skipped because it is being built
   * @param reason why it was removed or skipped
   */
  public record Pruned(EnvInfo env, boolean removed, String reason) {}

  /** Every env folder, by name. */
  public List<EnvInfo> list() throws IOException {
    List<EnvInfo> result = new ArrayList<>();
    for (EnvFolder folder : EnvFolder.listIn(envsDir)) {
      result.add(info(folder));
    }
    return result;
  }

  private static EnvInfo info(EnvFolder folder) throws IOException {
    boolean complete = folder.isComplete();
    return new EnvInfo(
        folder,
        complete,
        folder.size(),
        folder.lastUsed(),
        complete ? folder.markerValue("python") : Optional.empty());
  }

  /**
   * Removes incomplete envs and envs no run used for {@code unusedFor}; an env whose lock another
   * process holds (it is being built) is left alone.
   */
  public List<Pruned> prune(Duration unusedFor, Instant now)
      throws IOException, InterruptedException {
    List<Pruned> result = new ArrayList<>();
    for (EnvFolder folder : EnvFolder.listIn(envsDir)) {
      EnvInfo before = info(folder);
      Optional<String> reason = staleness(before, unusedFor, now);
      if (reason.isEmpty()) {
        continue;
      }
      // No waiting: a held lock means a build is under way right now.
      Optional<LockFile> lock = LockFile.acquire(folder.lockFile(), Instant.now(), () -> {});
      if (lock.isEmpty()) {
        result.add(new Pruned(before, false, "being built by another ox_task process"));
        continue;
      }
      try (LockFile held = lock.get()) {
        // Checked again under the lock: a build may have finished or used it meanwhile.
        Optional<String> stillStale = staleness(info(folder), unusedFor, now);
        if (stillStale.isPresent()) {
          folder.delete();
          result.add(new Pruned(before, true, stillStale.get()));
        }
      }
    }
    return result;
  }

  private static Optional<String> staleness(EnvInfo env, Duration unusedFor, Instant now) {
    if (!env.complete()) {
      return Optional.of("incomplete");
    }
    if (env.lastUsed().isBefore(now.minus(unusedFor))) {
      return Optional.of("unused for " + Duration.between(env.lastUsed(), now).toDays() + " days");
    }
    return Optional.empty();
  }
}
