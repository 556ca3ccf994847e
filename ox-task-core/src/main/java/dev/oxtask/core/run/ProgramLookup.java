package dev.oxtask.core.run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the program a command names the way {@code execvp} would, so that a job whose program is
 * missing or not executable ends with a clear message instead of an opaque exec failure.
 */
final class ProgramLookup {

  private ProgramLookup() {}

  /**
   * Checks that {@code program} can be executed from {@code cwd} with {@code environment}'s PATH.
   *
   * @throws JobSetupException naming the program and what to do about it
   */
  static Path find(String program, Path cwd, Map<String, String> environment)
      throws JobSetupException {
    if (program.contains("/")) {
      Path file = cwd.resolve(program).normalize();
      if (!Files.exists(file)) {
        throw new JobSetupException(
            "program '" + program + "' not found: " + file + " does not exist");
      }
      return executable(program, file);
    }
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      // java.io.File answers "no" without an exception: this runs for every PATH entry of every
      // job.
      File folder = new File(dir.isEmpty() ? "." : dir);
      File candidate =
          new File(folder.isAbsolute() ? folder : new File(cwd.toFile(), dir), program);
      if (candidate.isFile() && candidate.canExecute()) {
        return candidate.toPath();
      }
    }
    throw new JobSetupException(
        "unknown program '"
            + program
            + "': no executable of that name on the job's PATH ("
            + path
            + "); install it, give its full path, or set \"shell\": true for a shell built-in");
  }

  private static Path executable(String program, Path file) throws JobSetupException {
    if (Files.isDirectory(file)) {
      throw new JobSetupException("program '" + program + "' is a directory: " + file);
    }
    if (!Files.isExecutable(file)) {
      throw new JobSetupException(
          "program '" + program + "' is not executable: run chmod +x " + file);
    }
    return file;
  }
}
