package dev.oxtask.core.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxtask.core.run.RunResult;
import dev.oxtask.core.testing.PluginJarBuilder;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java blocks of {@code docs/embedding.md}, compiled against ox-task-core and run. */
class EmbeddingDocTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  private static List<String> docBlocks() throws IOException {
    Matcher m = JAVA_BLOCK.matcher(Files.readString(Path.of("..", "docs", "embedding.md")));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  /** The documented classes, compiled; the loader sees ox-task-core and its dependencies. */
  private URLClassLoader compiled() throws IOException {
    List<String> blocks = docBlocks();
    assertThat(blocks).hasSize(2);
    Path classes = dir.resolve("classes");
    PluginJarBuilder.compile(
        Map.of("Nightly", blocks.get(0), "Backups", blocks.get(1)),
        classes,
        Runner.class,
        org.slf4j.Logger.class);
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
  }

  private Path plan() throws IOException {
    return Files.writeString(
        dir.resolve("tasks.json"),
        """
        {"jobs": {
          "backup": {"command": ["sh", "-c", "echo saved > backup.txt"]},
          "report": {"command": "false"}}}
        """);
  }

  @Test
  void theFiveLineExampleRunsAPlanAndSaysWhetherEveryJobSucceeded() throws Exception {
    Path work = dir.resolve("work");
    try (URLClassLoader loader = compiled()) {
      Method runTasks = loader.loadClass("Nightly").getMethod("runTasks", Path.class, Path.class);

      Object allSucceeded = runTasks.invoke(null, plan(), work);

      assertThat(allSucceeded).isEqualTo(false);
    }
    assertThat(work.resolve("jobs/backup/backup.txt")).hasContent("saved");
  }

  @Test
  void theSecondExampleRunsOnlyTheChosenJobAndListensToIt() throws Exception {
    List<String> lines = new ArrayList<>();
    try (URLClassLoader loader = compiled()) {
      Method runBackups =
          loader.loadClass("Backups").getMethod("runBackups", Path.class, Path.class, List.class);

      RunResult result = (RunResult) runBackups.invoke(null, plan(), dir.resolve("work"), lines);

      assertThat(result.allSucceeded()).isTrue();
      assertThat(result.outcomes()).hasSize(1);
    }
    assertThat(lines).containsExactly("backup: success");
  }
}
