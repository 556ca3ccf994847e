package dev.oxtask.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginsFolderTest {

  private static final Map<String, String> ENV = Map.of("OX_TASK_PLUGINS_DIR", "/env/plugins");

  @Test
  void optionWinsOverEverything() {
    PluginsFolder folder =
        PluginsFolder.resolve(Optional.of(Path.of("/opt/p")), ENV, Optional.of("/home/ox"));
    assertThat(folder).isEqualTo(new PluginsFolder(Path.of("/opt/p"), "--plugins-dir"));
  }

  @Test
  void environmentVariableComesSecond() {
    PluginsFolder folder = PluginsFolder.resolve(Optional.empty(), ENV, Optional.of("/home/ox"));
    assertThat(folder)
        .isEqualTo(new PluginsFolder(Path.of("/env/plugins"), "$OX_TASK_PLUGINS_DIR"));
  }

  @Test
  void installHomeComesThird() {
    PluginsFolder folder =
        PluginsFolder.resolve(
            Optional.empty(), Map.of("OX_TASK_PLUGINS_DIR", " "), Optional.of("/home/ox"));
    assertThat(folder)
        .isEqualTo(
            new PluginsFolder(Path.of("/home/ox/plugins"), "the install home (ox_task.home)"));
  }

  @Test
  void currentDirectoryIsTheLastResort() {
    PluginsFolder folder = PluginsFolder.resolve(Optional.empty(), Map.of(), Optional.empty());
    assertThat(folder)
        .isEqualTo(
            new PluginsFolder(
                Path.of("plugins").toAbsolutePath().normalize(), "the current directory"));
  }

  @Test
  void relativeOptionIsMadeAbsolute() {
    PluginsFolder folder =
        PluginsFolder.resolve(Optional.of(Path.of("a/../b")), Map.of(), Optional.empty());
    assertThat(folder.path()).isEqualTo(Path.of("b").toAbsolutePath());
  }
}
