package dev.oxtask.notes.webhook;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The original ox_task's Telegram note: {@code token}, {@code chat_id} and optionally {@code
 * base_url}, sent as {@link Telegram} with its defaults.
 */
@Extension
public final class TelegramNotifier implements Note {

  private static final Set<String> KEYS =
      Set.of(Telegram.TOKEN, Telegram.CHAT_ID, Telegram.BASE_URL);

  private final Telegram telegram;

  public TelegramNotifier() {
    this(new Telegram());
  }

  TelegramNotifier(Telegram telegram) {
    this.telegram = telegram;
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    return Telegram.check(options, KEYS).problems();
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    telegram.send(options, result, context);
  }
}
