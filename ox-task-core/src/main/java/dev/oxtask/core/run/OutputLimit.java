package dev.oxtask.core.run;

/**
 * How much of each output stream a job result keeps in memory: the first {@code headBytes} and the
 * last {@code tailBytes}; the log files hold everything.
 */
public record OutputLimit(int headBytes, int tailBytes) {

  /** 64 KiB of head and 64 KiB of tail per stream. */
  public static final OutputLimit DEFAULT = new OutputLimit(64 * 1024, 64 * 1024);

  public OutputLimit {
    if (headBytes < 0 || tailBytes < 1) {
      throw new IllegalArgumentException(
          "output limit needs headBytes >= 0 and tailBytes >= 1, was "
              + headBytes
              + "/"
              + tailBytes);
    }
  }
}
