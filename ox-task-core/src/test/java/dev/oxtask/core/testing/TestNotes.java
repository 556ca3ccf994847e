package dev.oxtask.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sources of the note classes the plugin tests compile into real JARs. */
public final class TestNotes {

  /**
   * Appends one line per result to its {@code path} option: job, status, options, loader; and a
   * line {@code started job=... options=...} per job start.
   */
  public static final String RECORDING_NOTE =
      """
      package test.notes;

      import dev.oxtask.core.note.*;
      import dev.oxtask.core.note.JobResult;
      import java.nio.file.*;
      import java.util.*;
      import org.pf4j.Extension;

      @Extension
      public final class RecordingNote implements Note {
        public String name() { return "Recorder"; }

        public List<OptionProblem> validate(NoteOptions options) {
          return options.check().requireString("path", "where to record").problems();
        }

        public void send(NoteOptions options, JobResult result, NoteContext context)
            throws NoteException {
          boolean ownLoader =
              Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
          String line = "job=" + result.job() + " status=" + result.status().key()
              + " options=" + new TreeMap<>(options.asMap()) + " tccl=" + ownLoader + "\\n";
          try {
            Files.writeString(Path.of(options.string("path", "")), line,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          } catch (java.io.IOException e) {
            throw new NoteException("cannot record: " + e, e);
          }
        }

        public void started(NoteOptions options, String job, NoteContext context)
            throws NoteException {
          String line = "started job=" + job + " options=" + new TreeMap<>(options.asMap())
              + " note=" + context.noteName() + "\\n";
          try {
            Files.writeString(Path.of(options.string("path", "")), line,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          } catch (java.io.IOException e) {
            throw new NoteException("cannot record: " + e, e);
          }
        }
      }
      """;

  /**
   * Misbehaves as its {@code mode} option says: throw, error, note, hang, bad-validate; and fails
   * its start hook when {@code start} is {@code fail}.
   */
  public static final String FAILING_NOTE =
      """
      package test.notes;

      import dev.oxtask.core.note.*;
      import dev.oxtask.core.note.JobResult;
      import java.util.*;
      import org.pf4j.Extension;

      @Extension
      public final class FailingNote implements Note {
        public String name() { return "FailingNote"; }

        public List<OptionProblem> validate(NoteOptions options) {
          if (options.string("mode", "").equals("bad-validate")) {
            throw new IllegalStateException("validate exploded");
          }
          return List.of();
        }

        public void send(NoteOptions options, JobResult result, NoteContext context)
            throws NoteException {
          String token = options.string("token", "");
          switch (options.string("mode", "")) {
            case "throw": throw new IllegalStateException("rejected token " + token);
            case "error": throw new NoClassDefFoundError("com/example/Missing");
            case "note": throw new NoteException("server said no to " + token);
            case "hang":
              try {
                Thread.sleep(30_000);
              } catch (InterruptedException e) {
                throw new NoteException("interrupted");
              }
              return;
            default: return;
          }
        }

        public void started(NoteOptions options, String job, NoteContext context)
            throws NoteException {
          if (options.string("start", "").equals("fail")) {
            throw new NoteException("start ping refused for " + options.string("token", ""));
          }
        }
      }
      """;

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  private TestNotes() {}

  /** The first Java block of {@code docs/writing-a-note-plugin.md}: the example note. */
  public static String docExample() {
    return docJavaBlocks().get(0);
  }

  /** Every Java block of {@code docs/writing-a-note-plugin.md}, in order. */
  public static List<String> docJavaBlocks() {
    Path doc = Path.of("..", "docs", "writing-a-note-plugin.md");
    try {
      Matcher m = JAVA_BLOCK.matcher(Files.readString(doc));
      List<String> blocks = new ArrayList<>();
      while (m.find()) {
        blocks.add(m.group(1));
      }
      if (blocks.isEmpty()) {
        throw new IllegalStateException(doc + " has no ```java block");
      }
      return blocks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A plugin JAR holding the recording and failing notes. */
  public static Path writeTestNotesPlugin(Path folder) {
    return PluginJarBuilder.plugin("test-notes", "1.2.3")
        .note("test.notes.RecordingNote", RECORDING_NOTE)
        .note("test.notes.FailingNote", FAILING_NOTE)
        .writeTo(folder, "test-notes.jar");
  }
}
