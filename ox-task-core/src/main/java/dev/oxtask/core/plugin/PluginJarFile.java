package dev.oxtask.core.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * What ox-task reads from a plugin JAR before pf4j loads it: the descriptor and the extension
 * index. Reading them ourselves lets a broken JAR be reported in words, and keeps the note list to
 * the classes the JAR itself declares (pf4j would fall back to the application's index).
 *
 * @param id the {@code Plugin-Id}
 * @param version the {@code Plugin-Version}
 * @param classNames the classes listed in {@code META-INF/extensions.idx}
 */
record PluginJarFile(Optional<String> id, Optional<String> version, List<String> classNames) {

  static final String EXTENSIONS_INDEX = "META-INF/extensions.idx";

  PluginJarFile {
    classNames = List.copyOf(classNames);
  }

  /**
   * Reads {@code jar}.
   *
   * @throws IOException when it is not a readable JAR (zip) file
   */
  static PluginJarFile read(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Attributes main =
          file.getManifest() == null ? new Attributes() : file.getManifest().getMainAttributes();
      ZipEntry index = file.getEntry(EXTENSIONS_INDEX);
      List<String> classNames = new ArrayList<>();
      if (index != null) {
        try (InputStream in = file.getInputStream(index)) {
          classNames.addAll(indexLines(in));
        }
      }
      return new PluginJarFile(
          nonBlank(main.getValue("Plugin-Id")),
          nonBlank(main.getValue("Plugin-Version")),
          classNames);
    }
  }

  private static List<String> indexLines(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      String trimmed = line.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        lines.add(trimmed);
      }
    }
    return lines;
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
