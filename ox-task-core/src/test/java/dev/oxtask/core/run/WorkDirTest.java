package dev.oxtask.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxtask.core.testing.OtherUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another local user must not be able to take over a work dir ({@link OtherUser} is them). */
class WorkDirTest {

  @TempDir Path temp;

  @Test
  void defaultIsTheUsersStateFolderOrAPerUserTempFolderWithoutHome() {
    assertThat(WorkDir.defaultPath(Map.of("HOME", "/home/me"), "1000"))
        .isEqualTo(Path.of("/home/me/.local/state/ox_task"));
    assertThat(WorkDir.defaultPath(Map.of("HOME", "/home/me", "XDG_STATE_HOME", "/s"), "1000"))
        .isEqualTo(Path.of("/s/ox_task"));
    assertThat(WorkDir.defaultPath(Map.of("TMPDIR", "/t"), "1000"))
        .isEqualTo(Path.of("/t/ox_task-1000"));
    assertThat(WorkDir.defaultPath(Map.of(), "1000")).isEqualTo(Path.of("/tmp/ox_task-1000"));
  }

  @Test
  void prepareCreatesTheWorkDirAndItsFoldersForTheOwnerOnly() throws Exception {
    Path work = temp.resolve("a/b/work");

    WorkDir.prepare(work);

    assertThat(mode(work)).isEqualTo("rwx------");
    for (String folder : WorkDir.FOLDERS) {
      assertThat(mode(work.resolve(folder))).as(folder).isEqualTo("rwx------");
    }
  }

  @Test
  void workDirOwnedByAnotherUserIsRefused() throws Exception {
    Path work = Files.createDirectory(temp.resolve("work"));
    OtherUser.owns(work);

    assertThatThrownBy(() -> WorkDir.prepare(work))
        .isInstanceOf(WorkDirException.class)
        .hasMessage(
            "unsafe work dir: "
                + work
                + " is owned by uid 12345, not by you (uid "
                + myUid()
                + "), so its owner could make ox_task follow their links and run their code;"
                + " remove it or choose another --work-dir");
    assertThat(work.resolve("runs")).doesNotExist();
  }

  @Test
  void folderInsideOwnedByAnotherUserIsRefused() throws Exception {
    Path work = Files.createDirectory(temp.resolve("work"));
    Path logs = Files.createDirectory(work.resolve("logs"));
    OtherUser.owns(logs);

    assertThatThrownBy(() -> WorkDir.check(work))
        .isInstanceOf(WorkDirException.class)
        .hasMessageStartingWith("unsafe work dir: " + logs + " is owned by uid 12345")
        .hasMessageEndingWith("; remove " + work + " or choose another --work-dir");
  }

  @Test
  void folderWritableByOthersIsRefusedWithTheChmodThatFixesIt() throws Exception {
    Path work = Files.createDirectory(temp.resolve("work"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> WorkDir.prepare(work))
        .isInstanceOf(WorkDirException.class)
        .hasMessage(
            "unsafe work dir: "
                + work
                + " is writable by group or others (mode 777), so another user could make ox_task"
                + " follow their links and run their code; run chmod go-w '"
                + work
                + "' or choose another --work-dir");
  }

  @Test
  void groupWritableFolderInsideIsRefused() throws Exception {
    Path work = Files.createDirectory(temp.resolve("work"));
    Path runs = Files.createDirectory(work.resolve("runs"));
    Files.setPosixFilePermissions(runs, PosixFilePermissions.fromString("rwxrwx---"));

    assertThatThrownBy(() -> WorkDir.prepare(work))
        .hasMessageStartingWith(
            "unsafe work dir: " + runs + " is writable by group or others (mode 770)");
  }

  @Test
  void linkPlantedByAnotherUserIsRefusedEvenToAFolderOfYours() throws Exception {
    Path mine = Files.createDirectory(temp.resolve("mine"));
    Path link = Files.createSymbolicLink(temp.resolve("work"), mine);
    OtherUser.owns(link);

    assertThatThrownBy(() -> WorkDir.prepare(link))
        .hasMessageStartingWith(
            "unsafe work dir: " + link + " is a symbolic link owned by uid 12345, not by you");
    assertThat(mine).isEmptyDirectory();
  }

  @Test
  void yourOwnLinkToYourOwnFolderIsAccepted() throws Exception {
    Path mine = Files.createDirectory(temp.resolve("mine"));
    Path link = Files.createSymbolicLink(temp.resolve("work"), mine);

    WorkDir.prepare(link);

    assertThat(mine.resolve("runs")).isDirectory();
  }

  @Test
  void fileInsteadOfAFolderIsRefused() throws Exception {
    Path work = Files.writeString(temp.resolve("work"), "");

    assertThatThrownBy(() -> WorkDir.check(work))
        .hasMessage(
            "the work dir folder "
                + work
                + " is not a folder; remove it or choose another --work-dir");
  }

  @Test
  void missingWorkDirPassesTheCheckAndIsNotCreated() throws Exception {
    WorkDir.check(temp.resolve("work"));

    assertThat(temp.resolve("work")).doesNotExist();
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static long myUid() throws Exception {
    Path probe = Files.createTempFile("uid", ".probe");
    try {
      return ((Number) Files.getAttribute(probe, "unix:uid")).longValue();
    } finally {
      Files.delete(probe);
    }
  }
}
