package dev.oxtask.core.run;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A process and everything it started, stopped together: SIGTERM to every member, then SIGKILL to
 * whatever is still alive after a grace period. Used for jobs, backticks, env builds and {@code
 * pyscript}.
 *
 * <p>Processes are started through {@code setsid} (util-linux) when it is installed, so each leads
 * a session of its own, and with a variable {@value #MARK} unique to the process in their
 * environment. Where {@code /proc} exists, members are found in one pass over the processes created
 * since the tree started: the process itself, its descendants, every process of its session
 * (background children whose shell exited, daemons that double-forked) and every process of this
 * user whose environment carries the mark (processes that left the session with {@code setsid}).
 * Elsewhere only the process and its descendants are found. See docs/running.md for the limits.
 */
public final class ProcessTree {

  /** The environment variable that marks every process of a tree. */
  public static final String MARK = "OX_TASK_PROCESS_MARK";

  private static final Path SETSID = findSetsid();
  private static final Path PROC = Path.of("/proc");
  private static final boolean HAS_PROC = Files.isDirectory(PROC.resolve("self"));
  private static final AtomicLong MARKS = new AtomicLong();
  private static final long OWN_PID = ProcessHandle.current().pid();

  /** Short jobs look only at the pids allocated since they started; longer ones at every pid. */
  private static final long RANGE_SCAN_NANOS = Duration.ofSeconds(10).toNanos();

  private static final long RANGE_SCAN_PIDS = 4096;

  private static final int EXEC_RETRIES = 5;

  /**
   * A live member of the tree.
   *
   * @param leftSession true when it runs in a session other than the tree's own
   */
  record Member(ProcessHandle handle, boolean leftSession) {}

  private final Process process;
  private final Optional<byte[]> mark;
  private final long startedNanos;
  private final long startedTicks;

  /** The tree of a process started without a mark: its descendants and its session. */
  public ProcessTree(Process process) {
    // Started some time ago: every live process is looked at unless its start is known.
    this(process, Optional.empty(), startedNanos(process), 0);
  }

  private static long startedNanos(Process process) {
    Optional<Instant> start = process.info().startInstant();
    if (start.isEmpty()) {
      return System.nanoTime() - 2 * RANGE_SCAN_NANOS;
    }
    return System.nanoTime() - Duration.between(start.get(), Instant.now()).toNanos();
  }

  private ProcessTree(
      Process process, Optional<byte[]> mark, long startedNanos, long startedTicks) {
    this.process = process;
    this.mark = mark;
    this.startedNanos = startedNanos;
    this.startedTicks = startedTicks;
  }

  /**
   * Starts {@code builder}'s command in a new session with a mark of its own in its environment.
   *
   * @throws IOException when it cannot be started; the message names the command's program, not
   *     {@code setsid}
   */
  static ProcessTree start(ProcessBuilder builder) throws IOException {
    List<String> command = builder.command();
    String mark = OWN_PID + "-" + MARKS.incrementAndGet();
    builder.environment().put(MARK, mark);
    builder.command(inNewSession(command));
    long startedNanos = System.nanoTime();
    long startedTicks = uptimeTicks();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      if (SETSID != null) {
        message = message.replace('"' + SETSID.toString() + '"', '"' + command.get(0) + '"');
      }
      throw new IOException(message, e);
    } finally {
      builder.command(command);
    }
    byte[] entry = (MARK + "=" + mark).getBytes(StandardCharsets.UTF_8);
    return new ProcessTree(process, Optional.of(entry), startedNanos, startedTicks);
  }

  Process process() {
    return process;
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
    for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid", "/usr/local/bin/setsid")) {
      Path path = Path.of(candidate);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    return null;
  }

  /** Every live member of the tree, the process itself included. */
  List<Member> members() {
    if (!HAS_PROC) {
      Set<ProcessHandle> found = new LinkedHashSet<>();
      if (process.isAlive()) {
        found.add(process.toHandle());
      }
      process.descendants().filter(ProcessHandle::isAlive).forEach(found::add);
      List<Member> alive = new ArrayList<>();
      for (ProcessHandle handle : found) {
        alive.add(new Member(handle, false));
      }
      return alive;
    }
    Map<Long, ProcStat> stats = candidates();
    Set<Long> members = new LinkedHashSet<>();
    long root = process.pid();
    for (ProcStat stat : stats.values()) {
      if (stat.pid() == root || (SETSID != null && stat.session() == root) || carriesMark(stat)) {
        members.add(stat.pid());
      }
    }
    // Descendants that left the session and cleared their environment: follow parent links.
    boolean grew = true;
    while (grew) {
      grew = false;
      for (ProcStat stat : stats.values()) {
        if (!members.contains(stat.pid()) && members.contains(stat.parent())) {
          members.add(stat.pid());
          grew = true;
        }
      }
    }
    Set<Long> processes = new LinkedHashSet<>();
    List<Member> found = new ArrayList<>();
    for (long pid : members) {
      long processId = threadGroupOf(pid);
      if (processId != OWN_PID && processes.add(processId)) {
        boolean leftSession = SETSID != null && stats.get(pid).session() != root;
        ProcessHandle.of(processId).ifPresent(h -> found.add(new Member(h, leftSession)));
      }
    }
    return found;
  }

  /** Live members other than the process itself (left behind when it exited). */
  List<Member> leftovers() {
    List<Member> others = new ArrayList<>();
    for (Member member : members()) {
      if (member.handle().pid() != process.pid()) {
        others.add(member);
      }
    }
    return others;
  }

  /**
   * Sends SIGTERM to every member, then SIGKILL to any still alive after {@code grace}; processes
   * started while this runs are caught by looking again.
   */
  public void stop(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    List<Member> members = members();
    while (!members.isEmpty() && System.nanoTime() < deadline) {
      members.forEach(m -> m.handle().destroy());
      Thread.sleep(50);
      members = members();
    }
    for (int round = 0; round < 20 && !members.isEmpty(); round++) {
      members.forEach(m -> m.handle().destroyForcibly());
      Thread.sleep(50);
      members = members();
    }
  }

  /** Sends SIGKILL to every member at once, without waiting (for when waiting is not possible). */
  void kill() {
    members().forEach(m -> m.handle().destroyForcibly());
  }

  /** What {@code /proc/PID/stat} says about a live process (zombies are left out). */
  private record ProcStat(long pid, long parent, long session, long startTicks) {}

  /**
   * Live processes that may belong to the tree: those created since it started. Pids are handed out
   * in increasing order, so for a short job these are the pids from the process's own up to the
   * last one allocated ({@code /proc/loadavg}); after a long time or a wrap-around of the pid
   * counter, every process started since then.
   */
  private Map<Long, ProcStat> candidates() {
    long first = process.pid();
    long last = lastPid();
    Map<Long, ProcStat> stats = new LinkedHashMap<>();
    boolean recent = System.nanoTime() - startedNanos < RANGE_SCAN_NANOS;
    if (recent && last >= first && last - first <= RANGE_SCAN_PIDS) {
      for (long pid = first; pid <= last; pid++) {
        if (new File("/proc/" + pid).exists()) {
          Optional<ProcStat> stat = readStat(pid);
          if (stat.isPresent()) {
            stats.put(pid, stat.get());
          }
        }
      }
      return stats;
    }
    String[] entries = PROC.toFile().list();
    for (String entry : entries == null ? new String[0] : entries) {
      if (isNumber(entry)) {
        Optional<ProcStat> stat = readStat(Long.parseLong(entry));
        if (stat.isPresent() && stat.get().startTicks() >= startedTicks) {
          stats.put(stat.get().pid(), stat.get());
        }
      }
    }
    return stats;
  }

  private static boolean isNumber(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static Optional<ProcStat> readStat(long pid) {
    try {
      String stat = readSmall("/proc/" + pid + "/stat");
      // "pid (comm) state ppid pgrp session ... starttime(22nd)": comm may hold spaces and ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      if (fields[0].equals("Z") || fields[0].equals("X")) {
        return Optional.empty();
      }
      return Optional.of(
          new ProcStat(
              pid,
              Long.parseLong(fields[1]),
              Long.parseLong(fields[3]),
              Long.parseLong(fields[19])));
    } catch (IOException | RuntimeException e) {
      // The process ended while we looked: it is no member.
      return Optional.empty();
    }
  }

  private static final ThreadLocal<byte[]> STAT_BUFFERS =
      new ThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
          return new byte[4096];
        }
      };

  /** A short {@code /proc} file read in one go into a reused buffer: this runs for every job. */
  private static String readSmall(String file) throws IOException {
    byte[] buffer = STAT_BUFFERS.get();
    try (FileInputStream in = new FileInputStream(file)) {
      int n = in.read(buffer);
      return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
    }
  }

  private boolean carriesMark(ProcStat stat) {
    if (mark.isEmpty()) {
      return false;
    }
    Path file = PROC.resolve(stat.pid() + "/environ");
    try {
      byte[] environ = Files.readAllBytes(file);
      // A process in the middle of execve() shows an empty environment for a moment: look again.
      for (int retry = 0; environ.length == 0 && retry < EXEC_RETRIES; retry++) {
        Thread.sleep(1);
        environ = Files.readAllBytes(file);
      }
      return containsEntry(environ, mark.get());
    } catch (IOException | RuntimeException e) {
      // Another user's process (unreadable) or one that just ended.
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** True when the NUL-separated {@code environ} holds exactly {@code entry}. */
  private static boolean containsEntry(byte[] environ, byte[] entry) {
    int start = 0;
    while (start < environ.length) {
      int end = start;
      while (end < environ.length && environ[end] != 0) {
        end++;
      }
      if (end - start == entry.length
          && Arrays.equals(environ, start, end, entry, 0, entry.length)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  /** The process a thread id belongs to ({@code /proc} also answers for thread ids). */
  private static long threadGroupOf(long pid) {
    try {
      for (String line : Files.readAllLines(PROC.resolve(pid + "/status"))) {
        if (line.startsWith("Tgid:")) {
          return Long.parseLong(line.substring(5).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Gone: the pid itself is as good a name as any.
    }
    return pid;
  }

  /** The last pid the kernel handed out, or -1 when unknown. */
  private static long lastPid() {
    try {
      String loadavg = readSmall("/proc/loadavg");
      String[] fields = loadavg.strip().split(" ");
      return Long.parseLong(fields[fields.length - 1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Clock ticks since boot, in the unit of {@code /proc/PID/stat}'s start time (USER_HZ, 100 on
   * Linux), less a second so that rounding never drops a process; 0 when unknown.
   */
  private static long uptimeTicks() {
    if (!HAS_PROC) {
      return 0;
    }
    try {
      String uptime = readSmall("/proc/uptime");
      double seconds = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
      return Math.max(0, (long) (seconds * 100) - 100);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
