/**
 * The stable plugin API: everything a note plugin needs, and nothing else.
 *
 * <p>A plugin implements {@link dev.oxtask.core.note.Note} and receives {@link
 * dev.oxtask.core.note.NoteOptions}, {@link dev.oxtask.core.note.JobResult} and {@link
 * dev.oxtask.core.note.NoteContext}; it reports {@link dev.oxtask.core.note.OptionProblem}s and
 * throws {@link dev.oxtask.core.note.NoteException}. {@link dev.oxtask.core.note.ResultJson},
 * {@link dev.oxtask.core.note.DurationText} and {@link dev.oxtask.core.note.InstantText} write a
 * result, a duration and a time the way the rest of ox-task does. This package depends on no other
 * ox-task package that plugins would have to compile against, and grows only by additions (new
 * methods with defaults, new accessors), so a plugin built against an older version keeps working.
 */
package dev.oxtask.core.note;
