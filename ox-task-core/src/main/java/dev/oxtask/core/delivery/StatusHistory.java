package dev.oxtask.core.delivery;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oxtask.core.note.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each job's status in the previous run, kept in {@code <work-dir>/state.json}, so {@code
 * only_if_status_changed} can compare (spec section 6). Load at the start of a run, record each
 * result, save at the end. Thread-safe.
 */
public final class StatusHistory {

  /** The file name inside the work dir. */
  public static final String FILE_NAME = "state.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, JobStatus> previous;
  private final Map<String, JobStatus> current = new ConcurrentHashMap<>();
  private final Optional<String> problem;

  private StatusHistory(Path file, Map<String, JobStatus> previous, Optional<String> problem) {
    this.file = file;
    this.previous = Map.copyOf(previous);
    this.problem = problem;
  }

  /** Reads {@code <workDir>/state.json}; a missing or unreadable file is an empty history. */
  public static StatusHistory load(Path workDir) {
    Path file = workDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return new StatusHistory(file, Map.of(), Optional.empty());
    }
    try {
      JsonNode jobs = JSON.readTree(file.toFile()).path("jobs");
      Map<String, JobStatus> statuses = new HashMap<>();
      jobs.fields()
          .forEachRemaining(
              e -> statusOf(e.getValue().asText()).ifPresent(s -> statuses.put(e.getKey(), s)));
      return new StatusHistory(file, statuses, Optional.empty());
    } catch (IOException e) {
      String why =
          "ignored "
              + file
              + ": "
              + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage())
              + "; every job counts as changed";
      return new StatusHistory(file, Map.of(), Optional.of(why));
    }
  }

  /** Why the saved state could not be read, if it could not. */
  public Optional<String> problem() {
    return problem;
  }

  /** The job's status in the previous run, if one was recorded. */
  public Optional<JobStatus> previous(String job) {
    return Optional.ofNullable(previous.get(job));
  }

  /** True when the job's status differs from the previous run's, or none was recorded. */
  public boolean changed(String job, JobStatus status) {
    return previous(job).map(p -> p != status).orElse(true);
  }

  /** Remembers this run's status of a job, for the next run. */
  public void record(String job, JobStatus status) {
    current.put(job, status);
  }

  /** Writes the previous statuses updated with this run's, replacing the file in one move. */
  public void save() throws IOException {
    Map<String, JobStatus> merged = new TreeMap<>(previous);
    merged.putAll(current);
    ObjectNode root = JSON.createObjectNode();
    ObjectNode jobs = root.putObject("jobs");
    merged.forEach((job, status) -> jobs.put(job, status.key()));
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Optional<JobStatus> statusOf(String key) {
    return Arrays.stream(JobStatus.values()).filter(s -> s.key().equals(key)).findFirst();
  }
}
