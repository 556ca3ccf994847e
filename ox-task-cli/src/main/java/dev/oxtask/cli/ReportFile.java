package dev.oxtask.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code --report FILE}, checked before any job runs so a run's results are never lost to it. */
final class ReportFile {

  private ReportFile() {}

  /**
   * Why the report could not be written to {@code file}, found by creating its folder and a file in
   * it; empty when it can be, or when no report was asked for.
   */
  static Optional<String> problem(Path file) {
    if (file == null) {
      return Optional.empty();
    }
    if (Files.isDirectory(file)) {
      return problem(file, "it is a folder; give a file name, e.g. " + file.resolve("report.json"));
    }
    Path folder = file.toAbsolutePath().normalize().getParent();
    try {
      Files.createDirectories(folder);
      Files.delete(Files.createTempFile(folder, ".ox_task-report-", ".probe"));
      return Optional.empty();
    } catch (FileAlreadyExistsException e) {
      return problem(file, e.getFile() + " is a file, not a folder");
    } catch (AccessDeniedException e) {
      return problem(file, "permission denied: " + e.getFile());
    } catch (IOException e) {
      return problem(file, e.toString());
    }
  }

  private static Optional<String> problem(Path file, String why) {
    return Optional.of("ox_task: cannot write the report to " + file + ": " + why);
  }
}
