package dev.oxtask.core.run;

import dev.oxtask.core.text.SecretMatcher;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Replaces secrets with {@code ***} in a byte stream as it passes, holding back only the few bytes
 * that could be the start of a secret cut in two by a read boundary ({@link SecretMatcher}).
 */
final class SecretFilter extends OutputStream {

  private final OutputStream masked;

  /**
   * @param secrets the values to mask; overlapping ones are masked as one
   */
  SecretFilter(OutputStream out, List<String> secrets) {
    this.masked = SecretMatcher.of(secrets).masking(out);
  }

  @Override
  public void write(int b) throws IOException {
    masked.write(b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    masked.write(bytes, offset, length);
  }

  /** Writes out what was held back: the stream has ended, so it is no secret's beginning. */
  @Override
  public void close() throws IOException {
    masked.close();
  }

  @Override
  public void flush() throws IOException {
    masked.flush();
  }
}
