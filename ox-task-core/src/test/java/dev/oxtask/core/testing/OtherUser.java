package dev.oxtask.core.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Another local user, simulated by file ownership: {@link #owns} gives a file or folder to uid
 * {@value #UID}, directly when the tests run as root (the build container), else with passwordless
 * {@code sudo} (GitHub-hosted runners). Where neither is possible the test fails saying so, as the
 * Python tests do without Python: a security check must not pass by being skipped.
 */
public final class OtherUser {

  /** The other user's id; no account needs to exist. */
  public static final int UID = 12345;

  private OtherUser() {}

  /** Makes {@code path} (a link itself, not its target) owned by {@link #UID}. */
  public static void owns(Path path) throws IOException, InterruptedException {
    try {
      Files.setAttribute(path, "unix:uid", UID, LinkOption.NOFOLLOW_LINKS);
    } catch (FileSystemException notRoot) {
      Process sudo =
          new ProcessBuilder("sudo", "-n", "chown", "-h", String.valueOf(UID), path.toString())
              .redirectErrorStream(true)
              .start();
      String said = new String(sudo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (sudo.waitFor() != 0) {
        fail(
            "giving a file to another user needs root or passwordless sudo: "
                + notRoot.getMessage()
                + "; sudo said: "
                + said.strip());
      }
    }
  }
}
