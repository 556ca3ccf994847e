package dev.oxtask.core.pyenv;

import dev.oxtask.core.run.PrivateFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The build log of one env in the run's log folder ({@code env-<env>.log}): ox_task's own lines and
 * the output of venv and pip, appended in order.
 *
 * @param file the log file
 */
record EnvLog(Path file) {

  /** How much of the end of the log is read to find its last lines. */
  private static final int TAIL_BYTES = 64 * 1024;

  /** Appends one line written by ox_task itself (prefixed, so it stands out from pip's). */
  void note(String line) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    PrivateFile.append(file, "ox_task: " + line + "\n");
  }

  /** The last {@code count} non-blank lines of the log, each indented for an error message. */
  String tail(int count) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, in.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> lines =
          Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("\\R"))
              .filter(line -> !line.isBlank())
              .toList();
      List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
      return String.join("\n", last.stream().map(line -> "  " + line).toList());
    } catch (IOException e) {
      return "  (the log " + file + " could not be read: " + e.getMessage() + ")";
    }
  }
}
