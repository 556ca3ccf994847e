package dev.oxtask.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Folders made when they are missing. */
public final class Folders {

  private Folders() {}

  /**
   * Creates {@code folder} and its missing parents, unless it is a folder already. Looking first
   * costs one {@code stat}; creating a folder that exists costs a failed {@code mkdir} and an
   * exception, about 0.2 ms while the code is still interpreted, which every job paid several
   * times.
   *
   * @throws IOException as {@link Files#createDirectories} does
   */
  public static void ensure(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder);
    }
  }
}
