package dev.oxtask.core.testing;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.util.List;
import org.pf4j.Extension;

/**
 * A note on the application's class path (pf4j's processor lists it in the test classes'
 * extensions.idx): ox-task must never offer it, since notes come only from the plugins folder.
 */
@Extension
public final class ClasspathNote implements Note {

  @Override
  public String name() {
    return "ClasspathNote";
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    return List.of();
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context) {
    context.console().println("the class path note was used");
  }
}
