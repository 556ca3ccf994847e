package dev.oxtask.cli;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.util.List;

/** A note the CLI tests pack into a plugin JAR. */
public final class SampleNote implements Note {

  @Override
  public String name() {
    return "Sample";
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    return List.of();
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context) {
    if (options.bool("fail", false)) {
      throw new IllegalStateException("sample failed for " + options.string("token", ""));
    }
    context.console().println("sample: " + result.job());
  }
}
