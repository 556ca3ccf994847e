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
 * The original ox_task's file note: writes the latest result as a text block to {@code path},
 * replacing what the file held (in one move, so a reader never sees half a result).
 */
@Extension
public final class FileNotifier implements Note {

  @Override
  public String name() {
    return "FileNotifier";
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    return options
        .check()
        .allowOnly(Set.of("path"))
        .requireString("path", "the file to write the latest result to")
        .problems();
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    Path path = Path.of(options.string("path", ""));
    byte[] bytes = ResultFormat.textBlock(result, context).getBytes(StandardCharsets.UTF_8);
    try {
      LockedFile.replace(path, bytes);
    } catch (IOException e) {
      throw new NoteException("cannot write " + path + ": " + e, e);
    }
  }
}
