package dev.oxtask.core.run;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The folder a run keeps its scratch folders, logs, envs and state in (spec section 4), and the
 * rules that keep other local users out of it: it is private to the user by default and created
 * 0700, and one owned by someone else or writable by group or others is refused, since whoever can
 * write there can make ox-task follow their links and run their code.
 */
public final class WorkDir {

  /** The folders ox-task creates inside the work dir, each under the same rules. */
  public static final List<String> FOLDERS = List.of("runs", "jobs", "logs", "envs");

  private static final int GROUP_OR_OTHERS_WRITE = 0022;

  private WorkDir() {}

  /**
   * The default work dir: {@code ${XDG_STATE_HOME:-$HOME/.local/state}/ox_task}, or {@code
   * ${TMPDIR:-/tmp}/ox_task-<uid>} when there is no {@code HOME}.
   *
   * @param environment the runner's environment
   */
  public static Path defaultPath(Map<String, String> environment) {
    return defaultPath(environment, currentUser());
  }

  static Path defaultPath(Map<String, String> environment, String user) {
    String state = environment.getOrDefault("XDG_STATE_HOME", "");
    if (state.startsWith("/")) {
      return Path.of(state, "ox_task");
    }
    String home = environment.getOrDefault("HOME", "");
    if (!home.isEmpty()) {
      return Path.of(home, ".local", "state", "ox_task");
    }
    String tmp = environment.getOrDefault("TMPDIR", "");
    return Path.of(tmp.isEmpty() ? "/tmp" : tmp, "ox_task-" + user);
  }

  /**
   * Creates {@code dir} (0700) and its {@link #FOLDERS} (0700) when missing, and checks that each
   * is safe to use.
   *
   * @throws WorkDirException naming the folder and the fix, when one is unsafe or cannot be made
   */
  public static void prepare(Path dir) throws WorkDirException {
    createPrivate(dir);
    check(dir);
    for (String folder : FOLDERS) {
      createPrivate(dir.resolve(folder));
    }
    check(dir);
  }

  /**
   * Checks {@code dir} and those of its {@link #FOLDERS} that exist, creating nothing (a missing
   * work dir is fine).
   *
   * @throws WorkDirException naming the unsafe folder and the fix
   */
  public static void check(Path dir) throws WorkDirException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("unix")) {
      return; // No owners or modes to check (Windows).
    }
    long uid = currentUid();
    checkFolder(dir, dir, uid);
    for (String folder : FOLDERS) {
      checkFolder(dir.resolve(folder), dir, uid);
    }
  }

  private static void createPrivate(Path folder) throws WorkDirException {
    // A look before each create: creating a folder that exists costs a failed mkdir and an
    // exception, about 0.2 ms each at start-up. A link is left to createDirectory and the check.
    if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return; // checked next, whoever made it
    }
    try {
      Path parent = folder.toAbsolutePath().getParent();
      if (parent != null) {
        Folders.ensure(parent);
      }
      Files.createDirectory(folder, PrivateFile.ownerOnlyFolder());
    } catch (FileAlreadyExistsException e) {
      // Checked next, whoever made it.
    } catch (IOException e) {
      throw new WorkDirException(
          "cannot create the work dir folder " + folder + ": " + e + "; choose another --work-dir");
    }
  }

  private static void checkFolder(Path folder, Path workDir, long uid) throws WorkDirException {
    Map<String, Object> link;
    try {
      link =
          Files.readAttributes(folder, "unix:uid,mode,isSymbolicLink", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new WorkDirException("cannot read the work dir folder " + folder + ": " + e);
    }
    if ((Boolean) link.get("isSymbolicLink") && owner(link) != uid) {
      throw unsafe(folder, "is a symbolic link owned by uid " + owner(link), workDir, uid);
    }
    Map<String, Object> target;
    try {
      target = Files.readAttributes(folder, "unix:uid,mode,isDirectory");
    } catch (IOException e) {
      throw new WorkDirException("cannot read the work dir folder " + folder + ": " + e);
    }
    if (!(Boolean) target.get("isDirectory")) {
      throw new WorkDirException(
          "the work dir folder "
              + folder
              + " is not a folder; remove it or choose another --work-dir");
    }
    if (owner(target) != uid) {
      throw unsafe(folder, "is owned by uid " + owner(target), workDir, uid);
    }
    int mode = (Integer) target.get("mode");
    if ((mode & GROUP_OR_OTHERS_WRITE) != 0) {
      throw new WorkDirException(
          "unsafe work dir: "
              + folder
              + " is writable by group or others (mode "
              + String.format("%o", mode & 07777)
              + "), so another user could make ox_task follow their links and run their code;"
              + " run chmod go-w '"
              + folder
              + "' or choose another --work-dir");
    }
  }

  private static WorkDirException unsafe(Path folder, String why, Path workDir, long uid) {
    return new WorkDirException(
        "unsafe work dir: "
            + folder
            + " "
            + why
            + ", not by you (uid "
            + uid
            + "), so its owner could make ox_task follow their links and run their code;"
            + " remove "
            + (folder.equals(workDir) ? "it" : workDir)
            + " or choose another --work-dir");
  }

  private static long owner(Map<String, Object> attributes) {
    return ((Number) attributes.get("uid")).longValue();
  }

  private static long currentUid() throws WorkDirException {
    try {
      return new UnixSystem().getUid();
    } catch (LinkageError e) {
      // A Java runtime built without the jdk.security.auth module: /proc/self is owned by us.
      try {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
      } catch (IOException | UnsupportedOperationException notLinux) {
        throw new WorkDirException("cannot tell which user runs ox_task: " + e);
      }
    }
  }

  private static String currentUser() {
    try {
      return String.valueOf(currentUid());
    } catch (WorkDirException e) {
      return System.getProperty("user.name"); // No Unix user ids (Windows).
    }
  }
}
