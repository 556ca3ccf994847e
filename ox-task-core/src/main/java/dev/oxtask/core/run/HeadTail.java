package dev.oxtask.core.run;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keeps the first and the last bytes of a stream in memory, whatever its length, so that a job
 * printing gigabytes costs the runner no more than {@code head + tail} bytes.
 */
final class HeadTail {

  private final int headBytes;
  private final int tailBytes;
  private byte[] head = new byte[0];
  private byte[] tail = new byte[0];
  private int headLength;
  private long tailWritten;
  private long total;

  /** The buffers grow as bytes arrive, so a quiet job costs next to nothing. */
  HeadTail(int headBytes, int tailBytes) {
    this.headBytes = headBytes;
    this.tailBytes = tailBytes;
  }

  synchronized void write(byte[] bytes, int offset, int length) {
    total += length;
    int toHead = Math.min(length, headBytes - headLength);
    if (headLength + toHead > head.length) {
      head =
          Arrays.copyOf(head, Math.min(headBytes, Math.max(headLength + toHead, 2 * head.length)));
    }
    System.arraycopy(bytes, offset, head, headLength, toHead);
    headLength += toHead;
    if (toHead < length && tail.length == 0) {
      tail = new byte[tailBytes];
    }
    for (int i = offset + toHead; i < offset + length; i++) {
      tail[(int) (tailWritten++ % tail.length)] = bytes[i];
    }
  }

  /** True when some bytes between the head and the tail were dropped. */
  synchronized boolean truncated() {
    return tailWritten > tail.length;
  }

  /** How many bytes were written in all. */
  synchronized long total() {
    return total;
  }

  /**
   * The text kept: all of it, or the head, a line saying how much was left out and where to find
   * it, and the tail.
   */
  synchronized String text(String fullOutputIn) {
    String first = new String(head, 0, headLength, StandardCharsets.UTF_8);
    if (!truncated()) {
      return first + new String(tail, 0, (int) tailWritten, StandardCharsets.UTF_8);
    }
    byte[] last = new byte[tail.length];
    int start = (int) (tailWritten % tail.length);
    System.arraycopy(tail, start, last, 0, tail.length - start);
    System.arraycopy(tail, 0, last, tail.length - start, start);
    long dropped = total - headLength - tail.length;
    return first
        + "\n[... ox_task: "
        + dropped
        + " bytes left out here; the whole output is in "
        + fullOutputIn
        + " ...]\n"
        + new String(last, StandardCharsets.UTF_8);
  }
}
