package dev.oxtask.core.note;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A place a job's result can be sent: a file, a Slack channel, an e-mail.
 *
 * <p>Implementations live in plugin JARs, are annotated with pf4j's {@code @Extension}, and must
 * have a public no-argument constructor. Only JDK and ox-task types cross this boundary. One
 * instance serves every note of its class, possibly from several threads at once, so keep no
 * per-send state in fields.
 */
public interface Note extends ExtensionPoint {

  /**
   * The name plans use in {@code class_name}, e.g. {@code SimpleFileLog}; by default the simple
   * class name (which plans may use anyway).
   */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * Checks a note's options before any job runs, as written in the plan (before substitution). By
   * default every option is accepted.
   *
   * @return every problem found, empty when the options are fine
   */
  default List<OptionProblem> validate(NoteOptions options) {
    return List.of();
  }

  /**
   * Delivers one result. The engine has already applied the note's conditions and substituted the
   * job's environment into {@code options}; it masks secrets in any message thrown.
   *
   * @throws NoteException when the result could not be delivered (after the note's own retries)
   */
  void send(NoteOptions options, JobResult result, NoteContext context) throws NoteException;

  /**
   * Hears that a job is about to start, for notes that report starts (a ping service's {@code
   * /start}); does nothing unless overridden. The engine calls it before the job's first attempt,
   * only for notes without conditions (a condition is about a result, unknown at the start), with
   * the job's environment substituted into {@code options} and the same time limit as {@link
   * #send}.
   *
   * @param job the job's name
   * @throws NoteException when the start could not be reported; the job runs anyway, and the
   *     failure is reported with the job's result
   */
  default void started(NoteOptions options, String job, NoteContext context) throws NoteException {}
}
