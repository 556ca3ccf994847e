package dev.oxtask.core.text;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints how long masking 64 MiB of output takes with 0, 1, 20 and 200 secrets; the times should
 * not grow with the number of secrets. Not a test (no timing is asserted anywhere). Run after
 * {@code ./mvnw -q -pl ox-task-core test-compile}:
 *
 * <pre>
 * java -cp ox-task-core/target/classes:ox-task-core/target/test-classes \
 *     dev.oxtask.core.text.MaskingBenchmark
 * </pre>
 */
public final class MaskingBenchmark {

  private MaskingBenchmark() {}

  public static void main(String[] args) throws IOException {
    byte[] chunk = new byte[1 << 16];
    Random random = new Random(1);
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) (' ' + random.nextInt(90));
    }
    for (int count : new int[] {0, 1, 20, 200}) {
      List<String> secrets = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        secrets.add("secret-value-" + i + "-xyz");
      }
      long start = System.nanoTime();
      try (OutputStream out = SecretMatcher.of(secrets).masking(OutputStream.nullOutputStream())) {
        for (int i = 0; i < 1024; i++) {
          out.write(chunk, 0, chunk.length);
        }
      }
      System.out.printf(
          Locale.ROOT, "%3d secrets: 64 MiB in %.2f s%n", count, (System.nanoTime() - start) / 1e9);
    }
  }
}
