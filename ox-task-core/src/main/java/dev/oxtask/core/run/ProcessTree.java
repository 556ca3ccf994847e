package dev.oxtask.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A process and everything it started, stopped together: SIGTERM to every member, then SIGKILL to
 * whatever is still alive after a grace period. Used for jobs, env builds and {@code pyscript}.
 *
 * <p>Jobs are started through {@code setsid} (util-linux) when it is installed, so the job leads a
 * session of its own. Members are the process's descendants plus, where {@code /proc} exists, every
 * process of that session, which catches background children whose parent shell already exited and
 * daemons that double-forked. A process that calls {@code setsid()} itself leaves the session and
 * is found only while it is still a descendant.
 */
public final class ProcessTree {

  private static final Path SETSID = findSetsid();
  private static final Path PROC = Path.of("/proc");

  private final Process process;

  public ProcessTree(Process process) {
    this.process = process;
  }

  /** {@code command} prefixed so that it starts in a new session, when that is possible here. */
  public static List<String> inNewSession(List<String> command) {
    if (SETSID == null) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.add(SETSID.toString());
    wrapped.addAll(command);
    return wrapped;
  }

  private static Path findSetsid() {
    return Stream.of("/usr/bin/setsid", "/bin/setsid", "/usr/local/bin/setsid")
        .map(Path::of)
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
  }

  /** Every live process of the tree: the process, its descendants and its session. */
  Set<ProcessHandle> members() {
    Set<ProcessHandle> members = new LinkedHashSet<>();
    if (process.isAlive()) {
      members.add(process.toHandle());
    }
    process.descendants().forEach(members::add);
    if (SETSID != null) {
      sessionMembers(process.pid()).forEach(members::add);
    }
    members.removeIf(h -> !h.isAlive() || h.pid() == ProcessHandle.current().pid());
    return members;
  }

  /** Live processes other than the job's own process (left behind when it exited). */
  Set<ProcessHandle> leftovers() {
    Set<ProcessHandle> all = members();
    all.removeIf(h -> h.pid() == process.pid());
    return all;
  }

  /**
   * Sends SIGTERM to every member, then SIGKILL to any still alive after {@code grace}; processes
   * started while this runs are caught by looking again.
   */
  public void stop(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    Set<ProcessHandle> members = members();
    while (!members.isEmpty() && System.nanoTime() < deadline) {
      members.forEach(ProcessHandle::destroy);
      Thread.sleep(50);
      members = members();
    }
    for (int round = 0; round < 20 && !members.isEmpty(); round++) {
      members.forEach(ProcessHandle::destroyForcibly);
      Thread.sleep(50);
      members = members();
    }
  }

  /**
   * Processes whose session id (field 6 of {@code /proc/PID/stat}) is {@code sessionId}; empty
   * where there is no {@code /proc}.
   */
  private static List<ProcessHandle> sessionMembers(long sessionId) {
    List<ProcessHandle> found = new ArrayList<>();
    if (!Files.isDirectory(PROC)) {
      return found;
    }
    try (Stream<Path> entries = Files.list(PROC)) {
      entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> sessionOf(p) == sessionId)
          .forEach(
              p ->
                  ProcessHandle.of(Long.parseLong(p.getFileName().toString()))
                      .ifPresent(found::add));
    } catch (IOException e) {
      // /proc vanished or is unreadable: fall back to descendants alone.
      return found;
    }
    return found;
  }

  private static long sessionOf(Path procDir) {
    try {
      String stat = Files.readString(procDir.resolve("stat"));
      // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[3]);
    } catch (IOException | RuntimeException e) {
      // The process ended while we looked: it is no member.
      return -1;
    }
  }
}
