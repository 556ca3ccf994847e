package dev.oxtask.core.delivery;

import dev.oxtask.core.note.JobStatus;
import java.nio.file.Path;

/**
 * A second process for {@link StatusHistoryTest}: {@code StateSaver WORK_DIR PREFIX COUNT} saves
 * COUNT jobs named PREFIX-i, one load-record-save cycle each, as that many short runs would.
 */
public final class StateSaver {

  private StateSaver() {}

  public static void main(String[] args) throws Exception {
    Path workDir = Path.of(args[0]);
    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
      StatusHistory history = StatusHistory.load(workDir);
      history.record(args[1] + "-" + i, JobStatus.SUCCESS);
      history.save();
    }
  }
}
