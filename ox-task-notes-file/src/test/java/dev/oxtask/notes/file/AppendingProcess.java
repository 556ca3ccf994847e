package dev.oxtask.notes.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A separate JVM that appends records to one file, for the several-processes test. */
public final class AppendingProcess {

  private AppendingProcess() {}

  /** Arguments: file, writer name, record count, record size. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String writer = args[1];
    int count = Integer.parseInt(args[2]);
    int size = Integer.parseInt(args[3]);
    for (int i = 0; i < count; i++) {
      String record = writer + " " + i + " " + "z".repeat(size) + "\n";
      LockedFile.append(file, record.getBytes(StandardCharsets.UTF_8));
    }
  }
}
