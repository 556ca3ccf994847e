package dev.oxtask.core.run;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code <prefix>1}, {@code <prefix>2}, ...: a job, a pump or a plugin call
 * that never returns cannot keep the JVM alive.
 */
public final class DaemonThreads implements ThreadFactory {

  private final String prefix;
  private final long stackSize;
  private final AtomicInteger count = new AtomicInteger();

  /** Threads with the JVM's default stack size. */
  public DaemonThreads(String prefix) {
    this(prefix, 0);
  }

  /**
   * @param stackSize the stack size in bytes; 0 for the JVM's default
   */
  public DaemonThreads(String prefix, long stackSize) {
    this.prefix = prefix;
    this.stackSize = stackSize;
  }

  @Override
  public Thread newThread(Runnable runnable) {
    Thread thread = new Thread(null, runnable, prefix + count.incrementAndGet(), stackSize);
    thread.setDaemon(true);
    return thread;
  }
}
