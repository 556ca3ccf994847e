package dev.oxtask.cli;

import dev.oxtask.core.plugin.NoteClass;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.plugin.PluginsFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ox_task plugins}: the note classes found in the plugins folder. */
@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Lists the note classes found in the plugins folder, with their plugin, version and JAR.")
final class PluginsCommand implements Callable<Integer> {

  @ParentCommand OxTaskCommand parent;

  @Mixin PluginsDirOption plugins;

  @Mixin DebugOption debug;

  @Override
  public Integer call() {
    Optional<String> badFolder = plugins.problem();
    if (badFolder.isPresent()) {
      parent.err.println(badFolder.get());
      return ExitCode.USAGE;
    }
    PluginsFolder folder = plugins.folder(parent.context);
    try (NoteRegistry registry = NoteRegistry.load(folder)) {
      parent.out.println("plugins folder: " + folder.path() + " (" + folder.origin() + ")");
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("NAME", "CLASS", "PLUGIN", "VERSION", "JAR"));
      Map<String, List<NoteClass>> byDeclaredName = new TreeMap<>();
      for (NoteClass note : registry.classes()) {
        Optional<String> declared = registry.declaredName(note);
        declared.ifPresent(
            n -> byDeclaredName.computeIfAbsent(n, k -> new ArrayList<>()).add(note));
        rows.add(
            List.of(
                declared.orElse("(cannot be created)"),
                note.className(),
                note.pluginId(),
                note.pluginVersion(),
                note.jar().getFileName().toString()));
      }
      if (rows.size() == 1) {
        parent.out.println("no note classes found");
      } else {
        Table.print(rows, parent.out);
      }
      registry.warnings().forEach(w -> parent.err.println("warning: " + w));
      byDeclaredName.forEach(
          (name, notes) -> {
            if (notes.size() > 1) {
              parent.err.println(
                  "warning: note name '"
                      + name
                      + "' is declared by "
                      + notes.stream().map(NoteClass::className).collect(Collectors.joining(", "))
                      + "; plans must use the fully qualified class name");
            }
          });
    }
    return ExitCode.OK;
  }
}
