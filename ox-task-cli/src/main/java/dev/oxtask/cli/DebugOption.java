package dev.oxtask.cli;

import picocli.CommandLine.Option;

/**
 * {@code --debug} for every subcommand. {@link Main} reads the flag from the raw arguments before
 * parsing (so even a failure while parsing shows its stack trace); this mixin only lets picocli
 * accept it.
 */
final class DebugOption {

  @Option(names = "--debug", description = "Log everything and show Java stack traces of errors.")
  boolean debug;
}
