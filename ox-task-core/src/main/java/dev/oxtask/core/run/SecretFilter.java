package dev.oxtask.core.run;

import dev.oxtask.core.text.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Replaces secrets with {@code ***} in a byte stream as it passes, holding back only the few bytes
 * that could be the start of a secret cut in two by a read boundary.
 */
final class SecretFilter extends OutputStream {

  private static final byte[] MASK = SecretMasker.MASK.getBytes(StandardCharsets.UTF_8);

  private final OutputStream out;
  private final List<byte[]> secrets;
  private byte[] carry = new byte[0];

  /**
   * @param secrets the values to mask, longest first (so a secret containing another is masked
   *     whole)
   */
  SecretFilter(OutputStream out, List<String> secrets) {
    this.out = out;
    this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (secrets.isEmpty()) {
      out.write(bytes, offset, length);
      return;
    }
    byte[] buffer = Arrays.copyOf(carry, carry.length + length);
    System.arraycopy(bytes, offset, buffer, carry.length, length);
    carry = filter(buffer, false);
  }

  /** Writes out what was held back: the stream has ended, so it is no secret's beginning. */
  @Override
  public void close() throws IOException {
    filter(carry, true);
    carry = new byte[0];
    out.close();
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Masks {@code buffer} into {@code out}; returns the unwritten rest that may begin a secret. */
  private byte[] filter(byte[] buffer, boolean atEnd) throws IOException {
    ByteArrayOutputStream masked = new ByteArrayOutputStream(buffer.length);
    int written = 0;
    int i = 0;
    scan:
    while (i < buffer.length) {
      for (byte[] secret : secrets) {
        int match = matchAt(buffer, i, secret);
        if (match == secret.length) {
          masked.write(buffer, written, i - written);
          masked.write(MASK);
          i += secret.length;
          written = i;
          continue scan;
        }
        if (match == buffer.length - i && !atEnd) {
          masked.write(buffer, written, i - written);
          masked.writeTo(out);
          return Arrays.copyOfRange(buffer, i, buffer.length);
        }
      }
      i++;
    }
    masked.write(buffer, written, buffer.length - written);
    masked.writeTo(out);
    return new byte[0];
  }

  /** How many bytes of {@code secret} match from {@code at} (stopping at the buffer's end). */
  private static int matchAt(byte[] buffer, int at, byte[] secret) {
    int n = 0;
    while (n < secret.length && at + n < buffer.length && buffer[at + n] == secret[n]) {
      n++;
    }
    // A mismatch before the end of both means no match at all.
    return n < secret.length && at + n < buffer.length ? -1 : n;
  }
}
