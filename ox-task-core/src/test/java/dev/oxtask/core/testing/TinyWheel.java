package dev.oxtask.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a minimal pure-Python wheel by hand, so pip can install a real package with {@code
 * --no-index --find-links} and no network.
 */
public final class TinyWheel {

  private TinyWheel() {}

  /**
   * Writes {@code <name>-<version>-py3-none-any.whl} into {@code folder}; its package {@code name}
   * has {@code VALUE = "<name> <version>"}.
   */
  public static Path write(Path folder, String name, String version) throws IOException {
    String distInfo = name + "-" + version + ".dist-info/";
    Map<String, String> files = new LinkedHashMap<>();
    files.put(name + "/__init__.py", "VALUE = \"" + name + " " + version + "\"\n");
    files.put(
        distInfo + "METADATA",
        "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
    files.put(
        distInfo + "WHEEL",
        "Wheel-Version: 1.0\nGenerator: ox-task-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
    StringBuilder record = new StringBuilder();
    files.forEach(
        (path, text) -> {
          byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
          record.append(path).append(",sha256=").append(digest(bytes)).append(',');
          record.append(bytes.length).append('\n');
        });
    record.append(distInfo).append("RECORD,,\n");
    files.put(distInfo + "RECORD", record.toString());

    Files.createDirectories(folder);
    Path wheel = folder.resolve(name + "-" + version + "-py3-none-any.whl");
    try (OutputStream out = Files.newOutputStream(wheel);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return wheel;
  }

  private static String digest(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
