package dev.oxtask.notes.email;

import static dev.oxtask.notes.email.Results.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.oxtask.core.note.Note;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shaded plugin JAR as pf4j uses it: loaded by its own class loader, which sees ox-task-core
 * and pf4j from the application and everything else from the JAR.
 */
class PluginJarIT {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(
          new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  private static final Path JAR = Path.of(System.getProperty("ox-task.plugin.jar"));

  /** The application as a plugin sees it: ox-task-core, pf4j and the JDK, no Jakarta Mail. */
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
  void jarCarriesTheMailProvidersTheExtensionIndexAndThePluginManifest() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(entry(jar, "META-INF/services/jakarta.mail.Provider"))
          .contains("org.eclipse.angus.mail.smtp.SMTPProvider");
      assertThat(entry(jar, "META-INF/services/jakarta.mail.util.StreamProvider"))
          .contains("org.eclipse.angus.mail.util.MailStreamProvider");
      assertThat(entry(jar, "META-INF/extensions.idx"))
          .contains("dev.oxtask.notes.email.SmtpEmail")
          .contains("dev.oxtask.notes.email.GmailNotifier");
      assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Id"))
          .isEqualTo("ox-task-notes-email");
      assertThat(jar.stream().map(e -> e.getName()))
          .noneMatch(name -> name.startsWith("dev/oxtask/core/") || name.startsWith("org/pf4j/"));
    }
  }

  @Test
  void sendsWhenTheContextClassLoaderIsThePlugins() throws Exception {
    sendWithContextClassLoader(plugin);
  }

  @Test
  void sendsWhenTheContextClassLoaderIsTheApplicationsWithoutJakartaMail() throws Exception {
    sendWithContextClassLoader(application);
  }

  @Test
  void sendsWhenTheContextClassLoaderHasAnotherCopyOfJakartaMail() throws Exception {
    sendWithContextClassLoader(PluginJarIT.class.getClassLoader());
  }

  private void sendWithContextClassLoader(ClassLoader context) throws Exception {
    Class<?> type = Class.forName("dev.oxtask.notes.email.SmtpEmail", true, plugin);
    assertThat(type.getClassLoader()).isSameAs(plugin);
    Note note = (Note) type.getConstructor().newInstance();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(context);
    try {
      note.send(
          options(
              "host", "127.0.0.1",
              "port", greenMail.getSmtp().getPort(),
              "security", "none",
              "from", "ox-task@example.org",
              "to", "alice@example.org"),
          Results.failed(),
          Results.context());
    } finally {
      thread.setContextClassLoader(previous);
    }
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(greenMail.getReceivedMessages()[0].getSubject())
        .isEqualTo("[ox_task] failed: weather");
  }

  private static String entry(JarFile jar, String name) throws IOException {
    assertThat(jar.getEntry(name)).as(name).isNotNull();
    try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Hands out only ox-task-core and pf4j classes from the test's class path, as the app does. */
  private static final class SharedClasses extends ClassLoader {

    private final ClassLoader source;

    SharedClasses(ClassLoader source) {
      super("application", ClassLoader.getPlatformClassLoader());
      this.source = source;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (name.startsWith("dev.oxtask.core.") || name.startsWith("org.pf4j.")) {
        return source.loadClass(name);
      }
      throw new ClassNotFoundException(name);
    }
  }
}
