package dev.oxtask.core.pyenv;

import static java.util.Objects.requireNonNull;

import dev.oxtask.core.run.PrivateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One env's virtual environment folder, {@code <work-dir>/envs/<env>-<hash>}, with the files
 * ox_task keeps in it: the completion marker (written last), {@code last-used} and the requirements
 * file pip installs from.
 *
 * @param dir the venv folder
 */
public record EnvFolder(Path dir) {

  /** Written after pip succeeded; a folder without it is half-built and never used. */
  static final String MARKER = "ox_task-complete";

  static final String LAST_USED = "last-used";
  static final String REQUIREMENTS = "requirements.txt";
  private static final int HASH_LENGTH = 12;

  public EnvFolder {
    requireNonNull(dir, "dir");
  }

  /**
   * The folder for {@code envName} built by {@code runtime} (as given in the plan, or {@code
   * python3}) reporting {@code interpreter} (its version and executable) with {@code requirements}.
   */
  static EnvFolder of(
      Path envsDir, String envName, String runtime, String interpreter, List<String> requirements) {
    // A format tag first, so a change in how envs are laid out never reuses an old folder.
    String key =
        "ox_task-env-1\n" + runtime + "\n" + interpreter + "\n" + String.join("\n", requirements);
    return new EnvFolder(envsDir.resolve(safeName(envName) + "-" + sha256(key)));
  }

  /** {@code name} with every character that is unsafe in a file name replaced by {@code _}. */
  static String safeName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The env part of the folder name (before the last {@code -}). */
  public String envName() {
    String name = dir.getFileName().toString();
    int dash = name.lastIndexOf('-');
    return dash > 0 ? name.substring(0, dash) : name;
  }

  /** The hash part of the folder name (after the last {@code -}), or {@code ""}. */
  public String hash() {
    String name = dir.getFileName().toString();
    int dash = name.lastIndexOf('-');
    return dash > 0 ? name.substring(dash + 1) : "";
  }

  /** The lock file that serializes building this folder across ox_task processes. */
  Path lockFile() {
    return dir.resolveSibling(dir.getFileName() + ".lock");
  }

  Path requirementsFile() {
    return dir.resolve(REQUIREMENTS);
  }

  Path python() {
    return dir.resolve("bin").resolve("python");
  }

  /** True when the build finished: the marker exists. */
  public boolean isComplete() {
    return Files.isRegularFile(dir.resolve(MARKER));
  }

  /** The marker's lines (what the env was built from), or none when the env is incomplete. */
  public List<String> markerLines() throws IOException {
    try {
      return Files.readAllLines(dir.resolve(MARKER), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  /** Writes the marker atomically, so a crash never leaves a marker without a finished env. */
  void markComplete(List<String> lines) throws IOException {
    writeLines(dir.resolve(MARKER), lines);
  }

  void touchLastUsed(Instant now) throws IOException {
    Path file = dir.resolve(LAST_USED);
    writeLines(file, List.of(now.toString()));
    Files.setLastModifiedTime(file, FileTime.from(now));
  }

  /** Replaces {@code file} in one move with the lines, readable by the owner only. */
  static void writeLines(Path file, List<String> lines) throws IOException {
    PrivateFile.replace(
        file,
        out -> {
          for (String line : lines) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
          }
        });
  }

  /** When a job last used the env: {@code last-used}, else the marker, else the folder itself. */
  public Instant lastUsed() throws IOException {
    for (String name : List.of(LAST_USED, MARKER)) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return Files.getLastModifiedTime(file).toInstant();
      }
    }
    return Files.getLastModifiedTime(dir).toInstant();
  }

  /** Bytes of all regular files in the folder (symbolic links are not followed). */
  public long size() throws IOException {
    AtomicLong total = new AtomicLong();
    try (Stream<Path> files = Files.walk(dir)) {
      files.forEach(
          file -> {
            try {
              BasicFileAttributes attributes =
                  Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
              if (attributes.isRegularFile()) {
                total.addAndGet(attributes.size());
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return total.get();
  }

  /** Deletes the folder and everything in it; a folder that is already gone is fine. */
  void delete() throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path folder, IOException problem)
              throws IOException {
            if (problem != null) {
              throw problem;
            }
            Files.delete(folder);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** The venv folders (not lock files) in {@code envsDir}, by name; none when it does not exist. */
  static List<EnvFolder> listIn(Path envsDir) throws IOException {
    if (!Files.isDirectory(envsDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(envsDir)) {
      return entries.filter(Files::isDirectory).sorted().map(EnvFolder::new).toList();
    }
  }

  /** The marker line {@code key=value}'s value, if the marker has it. */
  public Optional<String> markerValue(String key) throws IOException {
    return markerLines().stream()
        .filter(line -> line.startsWith(key + "="))
        .map(line -> line.substring(key.length() + 1))
        .findFirst();
  }
}
