package dev.oxtask.cli;

import picocli.CommandLine.IVersionProvider;

/** picocli's {@code --version} of every command: {@link BuildVersion#line()}. */
final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {BuildVersion.line()};
  }
}
