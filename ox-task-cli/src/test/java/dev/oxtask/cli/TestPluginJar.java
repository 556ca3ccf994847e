package dev.oxtask.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.pf4j.Plugin;

/**
 * Packs compiled test classes into a pf4j plugin JAR listing {@link SampleNote} as its note, as a
 * user's build would write it (pf4j loads a plugin's own classes first, so they come from the JAR).
 */
final class TestPluginJar {

  private TestPluginJar() {}

  static Path write(Path folder, String id, String fileName, Class<?>... classes) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Plugin-Id", id);
    manifest.getMainAttributes().putValue("Plugin-Version", "2.0.1");
    for (Class<?> type : classes) {
      if (Plugin.class.isAssignableFrom(type)) {
        manifest.getMainAttributes().putValue("Plugin-Class", type.getName());
      }
    }
    Path jar = folder.resolve(fileName);
    try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      zip.putNextEntry(new JarEntry("META-INF/extensions.idx"));
      zip.write((SampleNote.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      for (Class<?> type : classes) {
        String classFile = type.getName().replace('.', '/') + ".class";
        zip.putNextEntry(new JarEntry(classFile));
        try (InputStream bytes = type.getClassLoader().getResourceAsStream(classFile)) {
          bytes.transferTo(zip);
        }
      }
    }
    return jar;
  }
}
