package dev.oxtask.distribution;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real process (a launcher script) with a chosen folder and environment. */
final class Launch {

  /** What a finished process left: its exit code and everything it printed. */
  record Outcome(int exitCode, String stdout, String stderr, long pid) {

    List<String> stderrLines() {
      return stderr.lines().toList();
    }
  }

  /**
   * One class-data cache for every launch of these tests (the launcher's archive, keyed on the
   * installation), so no test writes into the user's own ~/.cache.
   */
  private static final Path CACHE = temporaryFolder("ox-task-it-cache");

  private final ProcessBuilder builder;

  private Launch(List<String> command) {
    builder = new ProcessBuilder(command);
    builder.environment().put("XDG_CACHE_HOME", CACHE.toString());
  }

  private static Path temporaryFolder(String prefix) {
    try {
      Path folder = Files.createTempDirectory(prefix);
      folder.toFile().deleteOnExit();
      return folder;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Launch of(Path program, String... args) {
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(List.of(args));
    return new Launch(command);
  }

  /**
   * {@code ox_task run --work-dir WORK PLAN} with every class the JVM loads logged to {@code
   * classes} ({@code -Xlog:class+load}, which says where each class came from).
   */
  static Launch runLoggingClasses(Path launcher, Path workDir, Path plan, Path classes) {
    return of(launcher, "run", "--work-dir", workDir.toString(), plan.toString())
        .env("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
  }

  Launch in(Path folder) {
    builder.directory(folder.toFile());
    return this;
  }

  Launch env(String name, String value) {
    builder.environment().put(name, value);
    return this;
  }

  Launch without(String name) {
    builder.environment().remove(name);
    return this;
  }

  /** Runs the process to its end; output goes through files so neither pipe can fill up. */
  Outcome run(Path scratch) throws IOException, InterruptedException {
    Path out = Files.createTempFile(scratch, "stdout", ".txt");
    Path err = Files.createTempFile(scratch, "stderr", ".txt");
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("%s did not finish within 2 minutes", builder.command());
    }
    return new Outcome(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        process.pid());
  }
}
