package dev.oxtask.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oxtask.core.note.InstantText;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.ResultJson;
import dev.oxtask.core.text.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's results as JSON ({@code --report FILE}): the fields of spec section 4 in
 * snake_case, plus each job's note failure; every string masked once more on the way out.
 */
public final class ReportWriter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SecretMasker masker;

  public ReportWriter(SecretMasker masker) {
    this.masker = masker;
  }

  /**
   * Writes {@code result} to {@code file} (its folders created), replacing it whole in one move;
   * the file is created 0600 and a failed write leaves nothing behind ({@link
   * PrivateFile#replace}).
   */
  public void write(RunResult result, Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    ObjectNode json = toJson(result);
    PrivateFile.replace(target, out -> JSON.writeValue(out, json));
  }

  /** The report as a JSON tree. */
  public ObjectNode toJson(RunResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_id", result.runId());
    root.put("started_at", InstantText.format(result.startedAt()));
    root.put("duration_s", result.duration().toMillis() / 1000.0);
    root.put("interrupted", result.interrupted());
    root.put("succeeded", result.allSucceeded());
    ArrayNode jobs = root.putArray("jobs");
    for (JobOutcome outcome : result.outcomes()) {
      ObjectNode job = job(outcome.result());
      job.put("note_error", outcome.noteFailure().map(masker::mask).orElse(null));
      jobs.add(job);
    }
    return root;
  }

  private ObjectNode job(JobResult r) {
    JobResult masked =
        r.toBuilder()
            .output(masker.mask(r.output()))
            .stderr(masker.mask(r.stderr()))
            .command(masker.maskAll(r.command()))
            .error(masker.mask(r.error()))
            .build();
    return JSON.valueToTree(ResultJson.fields(masked));
  }
}
