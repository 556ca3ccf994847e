package dev.oxtask.notes.file;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Writes each result to a file: {@code path} (required), {@code format} {@code text} (a readable
 * block, the default) or {@code json} (one object per line), {@code append} true (default) or
 * false. Parallel jobs writing one file never interleave, and a failed write leaves no partial
 * record.
 */
@Extension
public final class SimpleFileLog implements Note {

  @Override
  public String name() {
    return "SimpleFileLog";
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    return options
        .check()
        .allowOnly(Set.of("path", "format", "append"))
        .requireString("path", "the file to write results to")
        .optionalOneOf("format", "text", "json")
        .optionalBoolean("append")
        .problems();
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    Path path = Path.of(options.string("path", ""));
    String record =
        options.string("format", "text").equals("json")
            ? ResultFormat.jsonLine(result, context)
            : ResultFormat.textBlock(result, context);
    byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
    try {
      if (options.bool("append", true)) {
        LockedFile.append(path, bytes);
      } else {
        LockedFile.replace(path, bytes);
      }
    } catch (IOException e) {
      throw new NoteException("cannot write " + path + ": " + e, e);
    }
  }
}
