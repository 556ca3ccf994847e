/**
 * Note plugin that writes job results to files and the console: {@link
 * dev.oxtask.notes.file.SimpleFileLog}, {@link dev.oxtask.notes.file.FileNotifier} and {@link
 * dev.oxtask.notes.file.EchoNotifier}.
 */
package dev.oxtask.notes.file;
