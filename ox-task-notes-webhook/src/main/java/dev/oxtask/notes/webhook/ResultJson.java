package dev.oxtask.notes.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oxtask.core.note.JobResult;
import java.nio.file.Path;

/**
 * A job result as JSON with the fields and names of a {@code --report} file's job entry (spec
 * section 4). The engine has already masked secrets in it.
 */
final class ResultJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultJson() {}

  static ObjectNode of(JobResult r) {
    ObjectNode job = JSON.createObjectNode();
    job.put("job", r.job());
    job.put("status", r.status().key());
    if (r.exitCode().isPresent()) {
      job.put("exit_code", r.exitCode().getAsInt());
    } else {
      job.putNull("exit_code");
    }
    job.put("output", r.output());
    job.put("stderr", r.stderr());
    ArrayNode command = job.putArray("command");
    r.command().forEach(command::add);
    job.put("cwd", r.cwd().map(Path::toString).orElse(null));
    job.put("started_at", r.startedAt().toString());
    job.put("duration_s", r.durationSeconds());
    job.put("attempts", r.attempts());
    job.put("error", r.error().orElse(null));
    job.put("output_truncated", r.outputTruncated());
    job.put("stderr_truncated", r.stderrTruncated());
    ArrayNode logs = job.putArray("log_files");
    r.logFiles().forEach(f -> logs.add(f.toString()));
    return job;
  }
}
