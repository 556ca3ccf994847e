package dev.oxtask.cli;

import org.pf4j.Plugin;

/** A plugin class whose start fails, for the test that pf4j's own error log stays quiet. */
public class FailingStartPlugin extends Plugin {

  @Override
  public void start() {
    throw new IllegalStateException("no licence");
  }
}
