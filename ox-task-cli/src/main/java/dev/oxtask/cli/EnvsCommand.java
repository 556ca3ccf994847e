package dev.oxtask.cli;

import dev.oxtask.core.pyenv.EnvStore;
import dev.oxtask.core.pyenv.EnvStore.EnvInfo;
import dev.oxtask.core.pyenv.EnvStore.Pruned;
import dev.oxtask.core.run.WorkDir;
import dev.oxtask.core.run.WorkDirException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ox_task envs}: lists the Python environments kept in a work dir, and prunes them. */
@Command(
    name = "envs",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Lists the Python environments kept in the work dir (<work-dir>/envs): env, hash, size,"
          + " whether its build completed, and when a run last used it.",
      "--prune removes incomplete ones and those no run used for --older-than days; one that"
          + " another ox_task process is building is left alone."
    })
final class EnvsCommand implements Callable<Integer> {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  @ParentCommand OxTaskCommand parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "The work dir of the runs (default: the same as ox_task run's)")
  Path workDir;

  @Option(names = "--prune", description = "Remove incomplete and long unused envs")
  boolean prune;

  @Option(
      names = "--older-than",
      defaultValue = "30",
      paramLabel = "DAYS",
      description =
          "With --prune: remove envs unused for more than this (default: ${DEFAULT-VALUE})")
  int olderThanDays;

  @Mixin DebugOption debug;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (olderThanDays < 0) {
      throw new ParameterException(
          spec.commandLine(), "--older-than must be 0 or more days, was " + olderThanDays);
    }
    Path work = workDir != null ? workDir : WorkDir.defaultPath(parent.context.environment());
    try {
      WorkDir.check(work);
    } catch (WorkDirException e) {
      parent.err.println("ox_task: " + e.getMessage());
      return ExitCode.USAGE;
    }
    EnvStore store = new EnvStore(work);
    Instant now = Instant.now();
    if (prune) {
      List<Pruned> pruned = store.prune(Duration.ofDays(olderThanDays), now);
      for (Pruned p : pruned) {
        parent.out.println(
            (p.removed() ? "removed " : "kept    ")
                + p.env().folder().dir().getFileName()
                + " ("
                + p.reason()
                + (p.removed() ? ", " + size(p.env().sizeBytes()) : "")
                + ")");
      }
      long removed = pruned.stream().filter(Pruned::removed).count();
      parent.out.println("pruned " + removed + " of the envs in " + store.envsDir());
    }
    printTable(store, now);
    return ExitCode.OK;
  }

  private void printTable(EnvStore store, Instant now) throws IOException {
    List<EnvInfo> envs = store.list();
    if (envs.isEmpty()) {
      parent.out.println("no envs in " + store.envsDir());
      return;
    }
    String format = "%-" + nameWidth(envs) + "s  %-12s  %9s  %-10s  %s%n";
    parent.out.printf(Locale.ROOT, format, "ENV", "HASH", "SIZE", "STATE", "LAST USED");
    for (EnvInfo env : envs) {
      parent.out.printf(
          Locale.ROOT,
          format,
          env.folder().envName(),
          env.folder().hash(),
          size(env.sizeBytes()),
          env.complete() ? "complete" : "incomplete",
          WHEN.format(env.lastUsed()) + " (" + age(env.lastUsed(), now) + ")");
    }
    parent.out.println(
        envs.size() + (envs.size() == 1 ? " env in " : " envs in ") + store.envsDir());
  }

  private static int nameWidth(List<EnvInfo> envs) {
    return Math.max(3, envs.stream().mapToInt(e -> e.folder().envName().length()).max().orElse(3));
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private static String age(Instant then, Instant now) {
    long days = Duration.between(then, now).toDays();
    return days <= 0 ? "today" : days == 1 ? "1 day ago" : days + " days ago";
  }
}
