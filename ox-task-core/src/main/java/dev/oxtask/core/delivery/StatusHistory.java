package dev.oxtask.core.delivery;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.oxtask.core.note.InstantText;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.run.Folders;
import dev.oxtask.core.run.LockFile;
import dev.oxtask.core.run.PrivateFile;
import dev.oxtask.core.text.JsonText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each job's status in the previous run, kept in {@code <work-dir>/state.json}, so {@code
 * only_if_status_changed} can compare (spec section 6). Load at the start of a run, record each
 * result, save at the end. Runs sharing a work dir save under a file lock and merge per job, so
 * none loses another's statuses. The file stays bounded: jobs no run recorded for {@link
 * #RETENTION} are dropped, and only the {@link #MAX_JOBS} most recently recorded are kept.
 * Thread-safe.
 */
public final class StatusHistory {

  /** The file name inside the work dir. */
  public static final String FILE_NAME = "state.json";

  /** How long a job no run recorded is remembered. */
  public static final Duration RETENTION = Duration.ofDays(90);

  /** How many jobs the file remembers at most (the most recently recorded). */
  public static final int MAX_JOBS = 10_000;

  private static final String LOCK_NAME = FILE_NAME + ".lock";
  private static final Duration LOCK_PATIENCE = Duration.ofSeconds(30);
  // jackson-core's streaming API, whose classes the plan loader has already loaded (jackson-
  // databind's ObjectMapper took 50 ms of a one-job run to set up). Job names are keys, all
  // different: not canonicalized, as in the plan loader.
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

  private final Path file;
  private final Map<String, JobStatus> previous;
  private final Map<String, JobStatus> current = new ConcurrentHashMap<>();
  private final Optional<String> problem;

  /** A job's saved status and when a run last recorded it (absent in files of older versions). */
  private record Entry(JobStatus status, Optional<Instant> updatedAt) {}

  private StatusHistory(Path file, Map<String, JobStatus> previous, Optional<String> problem) {
    this.file = file;
    this.previous = Map.copyOf(previous);
    this.problem = problem;
  }

  /** Reads {@code <workDir>/state.json}; a missing or unreadable file is an empty history. */
  public static StatusHistory load(Path workDir) {
    Path file = workDir.resolve(FILE_NAME);
    try {
      Map<String, JobStatus> statuses = new HashMap<>();
      for (Map.Entry<String, Entry> entry : read(file).entrySet()) {
        statuses.put(entry.getKey(), entry.getValue().status());
      }
      return new StatusHistory(file, statuses, Optional.empty());
    } catch (IOException e) {
      String why = "ignored " + file + ": " + reason(e) + "; every job counts as changed";
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
    Optional<JobStatus> earlier = previous(job);
    return earlier.isEmpty() || earlier.get() != status;
  }

  /** Remembers this run's status of a job, for the next run. */
  public void record(String job, JobStatus status) {
    current.put(job, status);
  }

  /**
   * Under the state's lock, reads the file as it is now (another run may have saved since this one
   * loaded it), sets this run's statuses, drops what is past retention and writes it back (0600, in
   * one move).
   */
  public void save() throws IOException {
    save(Instant.now(), MAX_JOBS);
  }

  void save(Instant now, int maxJobs) throws IOException {
    Folders.ensure(file.getParent());
    try (LockFile lock = LockFile.acquire(file.resolveSibling(LOCK_NAME), LOCK_PATIENCE)) {
      Map<String, Entry> entries;
      try {
        entries = read(file);
      } catch (IOException e) {
        entries = new HashMap<>(); // Unreadable (reported at load): replaced by what is known.
      }
      for (Map.Entry<String, JobStatus> recorded : current.entrySet()) {
        entries.put(recorded.getKey(), new Entry(recorded.getValue(), Optional.of(now)));
      }
      Map<String, Entry> kept = retained(entries, now, maxJobs);
      PrivateFile.replace(
          file,
          new PrivateFile.Content() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
              write(kept, now, out);
            }
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the lock on " + file);
    }
  }

  /** The entries recorded within the retention, at most {@code maxJobs} of the newest, by name. */
  private static Map<String, Entry> retained(Map<String, Entry> entries, Instant now, int maxJobs) {
    Instant oldest = now.minus(RETENTION);
    // Loops, not streams: this runs at every save (docs/architecture.md, "Start-up rules"); the
    // comparator below runs only past maxJobs.
    List<Map.Entry<String, Entry>> recent = new ArrayList<>();
    for (Map.Entry<String, Entry> entry : entries.entrySet()) {
      if (!entry.getValue().updatedAt().orElse(now).isBefore(oldest)) {
        recent.add(entry);
      }
    }
    if (recent.size() > maxJobs) {
      recent.sort(
          (a, b) -> {
            int newer =
                b.getValue()
                    .updatedAt()
                    .orElse(now)
                    .compareTo(a.getValue().updatedAt().orElse(now));
            return newer != 0 ? newer : a.getKey().compareTo(b.getKey());
          });
      recent = recent.subList(0, maxJobs);
    }
    Map<String, Entry> kept = new TreeMap<>();
    for (Map.Entry<String, Entry> entry : recent) {
      kept.put(entry.getKey(), entry.getValue());
    }
    return kept;
  }

  /**
   * {@code {"jobs": {job: status}, "updated_at": {job: instant}}}: the statuses stay where older
   * versions read them. Streamed, so a large file of an older version loads in little memory.
   */
  private static Map<String, Entry> read(Path file) throws IOException {
    Map<String, JobStatus> statuses = new HashMap<>();
    Map<String, Instant> updated = new HashMap<>();
    if (!Files.exists(file)) {
      return new HashMap<>();
    }
    // Characters, not bytes: jackson's byte parser costs a run about 15 ms to set up, where its
    // character parser is the one the plan loader has already set up.
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser json = JSON.createParser(withoutByteOrderMark(in))) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("expected a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        if (json.nextToken() != JsonToken.START_OBJECT) {
          json.skipChildren();
          continue;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String job = json.currentName();
          json.nextToken();
          if (field.equals("jobs")) {
            Optional<JobStatus> status = statusOf(json.getValueAsString(""));
            if (status.isPresent()) {
              statuses.put(job, status.get());
            }
          } else if (field.equals("updated_at")) {
            Optional<Instant> time = InstantText.parse(json.getValueAsString(""));
            if (time.isPresent()) {
              updated.put(job, time.get());
            }
          }
          json.skipChildren();
        }
      }
    }
    Map<String, Entry> entries = new HashMap<>();
    for (Map.Entry<String, JobStatus> status : statuses.entrySet()) {
      String job = status.getKey();
      entries.put(job, new Entry(status.getValue(), Optional.ofNullable(updated.get(job))));
    }
    return entries;
  }

  /**
   * Written by hand in the layout jackson's default pretty printer gave it, so files stay as they
   * were: its generator cost a run about 15 ms to set up. Names are escaped by {@link JsonText}.
   */
  private static void write(Map<String, Entry> entries, Instant now, OutputStream out)
      throws IOException {
    StringBuilder json = new StringBuilder(64 + entries.size() * 80);
    json.append("{\n  \"jobs\" : {");
    String separator = "\n";
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      json.append(separator).append("    ").append(JsonText.quote(e.getKey())).append(" : ");
      json.append('"').append(e.getValue().status().key()).append('"');
      separator = ",\n";
    }
    json.append(entries.isEmpty() ? " }" : "\n  }").append(",\n  \"updated_at\" : {");
    separator = "\n";
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      // An entry of an older version counts from now, so it is kept for the whole retention.
      String time = InstantText.format(e.getValue().updatedAt().orElse(now));
      json.append(separator).append("    ").append(JsonText.quote(e.getKey())).append(" : ");
      json.append('"').append(time).append('"');
      separator = ",\n";
    }
    json.append(entries.isEmpty() ? " }" : "\n  }").append("\n}");
    out.write(json.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code in} past a byte order mark, which the byte parser skipped and some editors write. */
  private static BufferedReader withoutByteOrderMark(BufferedReader in) throws IOException {
    in.mark(1);
    if (in.read() != '\uFEFF') {
      in.reset();
    }
    return in;
  }

  private static Optional<JobStatus> statusOf(String key) {
    for (JobStatus status : JobStatus.values()) {
      if (status.key().equals(key)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /** Why the file could not be read, for a person. */
  private static String reason(IOException e) {
    if (e instanceof JacksonException json) {
      return json.getOriginalMessage();
    }
    return e instanceof CharacterCodingException ? "it is not UTF-8 text" : e.getMessage();
  }
}
