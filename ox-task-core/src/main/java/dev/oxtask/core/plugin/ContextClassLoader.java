package dev.oxtask.core.plugin;

/**
 * Runs plugin code with the plugin's class loader as the thread's context class loader, which
 * libraries such as Angus Mail use to find their providers.
 */
public final class ContextClassLoader {

  /** Plugin code to run; may throw the checked exception its method declares. */
  @FunctionalInterface
  public interface Action<T, E extends Exception> {
    /** Runs the plugin code. */
    T run() throws E;
  }

  private ContextClassLoader() {}

  /**
   * Calls {@code action} with {@code loader} as context class loader, then restores the old one.
   */
  public static <T, E extends Exception> T call(ClassLoader loader, Action<T, E> action) throws E {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
