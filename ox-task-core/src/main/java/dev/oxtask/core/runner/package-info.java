/**
 * The one way to run a plan: {@link dev.oxtask.core.runner.Runner} validates and runs it, owning
 * the run id and folder, the secret masker, the note plugins and their delivery, the status history
 * and the Python envs. The {@code ox_task} command and programs that embed ox-task both use it
 * (docs/embedding.md).
 */
package dev.oxtask.core.runner;
