package dev.oxtask.cli;

import picocli.CommandLine.IVersionProvider;

/** picocli's {@code --version} of every command: {@link Main#versionLine()}. */
final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {Main.versionLine()};
  }
}
