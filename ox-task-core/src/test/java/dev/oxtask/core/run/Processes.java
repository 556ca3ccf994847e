package dev.oxtask.core.run;

import java.util.List;

/** Finds live processes by a marker in their arguments, to prove nothing was left running. */
final class Processes {

  private Processes() {}

  /** A sleep duration (about a minute) no other process on the machine has in its arguments. */
  static String marker() {
    return "60." + String.format("%09d", System.nanoTime() % 1_000_000_000L);
  }

  /** Live processes whose command line contains {@code marker}. */
  static List<ProcessHandle> withMarker(String marker) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(
            h ->
                h.info().commandLine().orElse("").contains(marker)
                    || h.info()
                        .arguments()
                        .map(a -> String.join(" ", a))
                        .orElse("")
                        .contains(marker))
        .toList();
  }
}
