package dev.oxtask.core.run;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the first and the last bytes of a stream in memory, whatever its length, so that a job
 * printing gigabytes costs the runner no more than {@code head + tail} bytes.
 */
final class HeadTail {

  private final byte[] head;
  private final byte[] tail;
  private int headLength;
  private long tailWritten;
  private long total;

  HeadTail(int headBytes, int tailBytes) {
    this.head = new byte[headBytes];
    this.tail = new byte[tailBytes];
  }

  synchronized void write(byte[] bytes, int offset, int length) {
    total += length;
    int toHead = Math.min(length, head.length - headLength);
    System.arraycopy(bytes, offset, head, headLength, toHead);
    headLength += toHead;
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
