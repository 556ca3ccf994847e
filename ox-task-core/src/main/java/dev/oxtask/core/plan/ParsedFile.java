package dev.oxtask.core.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one plan file defines, before files are merged and names they refer to are checked.
 *
 * @param file the plan file, as the user named it
 * @param description the plan's description lines
 * @param envs the envs that could be read
 * @param notes the notes that could be read
 * @param jobs the jobs that could be read
 * @param defined every env, note and job name (as {@code jobs.NAME}) with where it is written, also
 *     those that had problems
 * @param references the envs and notes that jobs name
 * @param root the file's tree, which tells where each key path is written ({@link KeyLocations})
 */
record ParsedFile(
    Path file,
    List<String> description,
    Map<String, TaskEnv> envs,
    Map<String, TaskNote> notes,
    Map<String, TaskJob> jobs,
    Map<String, SourceLocation> defined,
    List<Reference> references,
    Node root) {

  /** A job naming an env or a note, e.g. {@code "env": "prod"}. */
  record Reference(String section, String name, SourceLocation at, String keyPath) {

    /** "env" for the section "envs". */
    String kind() {
      return section.substring(0, section.length() - 1);
    }
  }
}
