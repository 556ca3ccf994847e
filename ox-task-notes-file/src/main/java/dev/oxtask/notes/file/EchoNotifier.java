package dev.oxtask.notes.file;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The original ox_task's console note: prints the job's name and status, then the start of its
 * output, at most {@code max_lines} lines (default 6) and {@code max_len} characters (default 450).
 */
@Extension
public final class EchoNotifier implements Note {

  static final int DEFAULT_MAX_LEN = 450;
  static final int DEFAULT_MAX_LINES = 6;

  @Override
  public String name() {
    return "EchoNotifier";
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    return options
        .check()
        .allowOnly(Set.of("max_len", "max_lines"))
        .optionalInteger("max_len", 1)
        .optionalInteger("max_lines", 1)
        .problems();
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context) {
    String shown =
        ResultFormat.shorten(
            result.output(),
            options.integer("max_lines", DEFAULT_MAX_LINES),
            options.integer("max_len", DEFAULT_MAX_LEN));
    StringBuilder text = new StringBuilder(ResultFormat.headline(result)).append('\n');
    if (!shown.isEmpty()) {
      text.append(shown).append('\n');
    }
    // One print call, so lines of jobs finishing at once do not mix.
    context.console().print(text);
    context.console().flush();
  }
}
