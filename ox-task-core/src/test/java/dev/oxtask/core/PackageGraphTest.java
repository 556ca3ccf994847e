package dev.oxtask.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package graph of docs/architecture.md, read from the sources' imports. */
class PackageGraphTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/oxtask/core");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.oxtask\\.core\\.(\\w+)\\.", Pattern.MULTILINE);

  @Test
  void thePluginApiUsesNoOtherPackageButTheTextHelpers() throws IOException {
    assertThat(graph().get("note")).isEqualTo(Set.of("text"));
    assertThat(graph().get("text")).isEmpty();
  }

  @Test
  void theBundledPluginsImportNothingFromCoreButThePluginApi() throws IOException {
    Pattern coreImport =
        Pattern.compile("^import (?:static )?(dev\\.oxtask\\.core\\.[\\w.*]+);", Pattern.MULTILINE);
    List<String> outside = new ArrayList<>();
    List<Path> modules;
    try (Stream<Path> siblings = Files.list(Path.of(".."))) {
      modules =
          siblings.filter(m -> m.getFileName().toString().startsWith("ox-task-notes-")).toList();
    }
    assertThat(modules).hasSizeGreaterThanOrEqualTo(4);
    for (Path module : modules) {
      try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = coreImport.matcher(Files.readString(file));
          while (m.find()) {
            if (!m.group(1).startsWith("dev.oxtask.core.note.")) {
              outside.add(file.getFileName() + ": " + m.group(1));
            }
          }
        }
      }
    }
    assertThat(outside).isEmpty();
  }

  @Test
  void thePackageGraphHasNoCycle() throws IOException {
    Map<String, Set<String>> graph = graph();
    List<String> done = new ArrayList<>();
    while (done.size() < graph.size()) {
      String next =
          graph.keySet().stream()
              .filter(p -> !done.contains(p) && done.containsAll(graph.get(p)))
              .findFirst()
              .orElseThrow(() -> new AssertionError("a cycle among " + graph));
      done.add(next);
    }
  }

  private static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> packages = Files.list(SOURCES)) {
      for (Path dir : packages.filter(Files::isDirectory).toList()) {
        String name = dir.getFileName().toString();
        Set<String> uses = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
              uses.add(m.group(1));
            }
          }
        }
        uses.remove(name);
        graph.put(name, uses);
      }
    }
    return graph;
  }
}
