package dev.oxtask.notes.webhook;

import static dev.oxtask.notes.webhook.Results.context;
import static dev.oxtask.notes.webhook.Results.options;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.note.Note;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shaded plugin JAR as pf4j uses it: loaded by its own class loader, which sees ox-task-core,
 * pf4j, Jackson and slf4j from the application and everything else from the JAR.
 */
class PluginJarIT {

  static final List<String> NOTE_CLASSES =
      List.of(
          "Telegram",
          "TelegramNotifier",
          "Discord",
          "MicrosoftTeams",
          "Ntfy",
          "Webhook",
          "Healthcheck");

  private static final Path JAR = Path.of(System.getProperty("ox-task.plugin.jar"));

  private final ClassLoader application = new SharedClasses(PluginJarIT.class.getClassLoader());
  private URLClassLoader plugin;

  @BeforeEach
  void loadPlugin() throws IOException {
    plugin = new URLClassLoader("plugin", new URL[] {JAR.toUri().toURL()}, application);
  }

  @AfterEach
  void closePlugin() throws IOException {
    plugin.close();
  }

  @Test
  void jarCarriesEveryNoteInTheExtensionIndexAndThePluginManifestOnly() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(entry(jar, "META-INF/extensions.idx").lines().filter(l -> !l.startsWith("#")))
          .containsExactlyInAnyOrderElementsOf(
              NOTE_CLASSES.stream().map(name -> "dev.oxtask.notes.webhook." + name).toList());
      assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Id"))
          .isEqualTo("ox-task-notes-webhook");
      assertThat(jar.stream().map(e -> e.getName()))
          .noneMatch(
              name ->
                  name.startsWith("dev/oxtask/core/")
                      || name.startsWith("org/pf4j/")
                      || name.startsWith("com/fasterxml/")
                      || name.startsWith("org/slf4j/"));
    }
  }

  @Test
  void eachNoteLoadsFromTheJarAndNamesItself() throws Exception {
    for (String name : NOTE_CLASSES) {
      Note note = note(name);
      assertThat(note.getClass().getClassLoader()).isSameAs(plugin);
      assertThat(note.name()).isEqualTo(name);
    }
  }

  @Test
  void telegramSendsFromTheJar() throws Exception {
    try (FakeService api = new FakeService()) {
      note("Telegram")
          .send(
              options("token", TelegramTest.TOKEN, "chat_id", "42", "base_url", api.url("")),
              Results.succeeded("weather", "sunny"),
              context());

      assertThat(api.only().path()).isEqualTo("/bot" + TelegramTest.TOKEN + "/sendMessage");
    }
  }

  @Test
  void healthcheckPingsStartFromTheJar() throws Exception {
    try (FakeService hc = new FakeService()) {
      note("Healthcheck").started(options("url", hc.url("/abc")), "weather", context());

      assertThat(hc.only().path()).isEqualTo("/abc/start");
    }
  }

  private Note note(String simpleName) throws Exception {
    Class<?> type = Class.forName("dev.oxtask.notes.webhook." + simpleName, true, plugin);
    return (Note) type.getConstructor().newInstance();
  }

  private static String entry(JarFile jar, String name) throws IOException {
    assertThat(jar.getEntry(name)).as(name).isNotNull();
    try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Hands out only the classes the application shares with plugins, as the app does. */
  private static final class SharedClasses extends ClassLoader {

    private static final List<String> SHARED =
        List.of("dev.oxtask.core.", "org.pf4j.", "com.fasterxml.jackson.", "org.slf4j.");

    private final ClassLoader source;

    SharedClasses(ClassLoader source) {
      super("application", ClassLoader.getPlatformClassLoader());
      this.source = source;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (SHARED.stream().anyMatch(name::startsWith)) {
        return source.loadClass(name);
      }
      throw new ClassNotFoundException(name);
    }
  }
}
