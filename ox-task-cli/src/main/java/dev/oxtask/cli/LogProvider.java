package dev.oxtask.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The logging provider the launcher names ({@code -Dslf4j.provider}): logback, set up by {@link
 * LogConfigurator} directly. Without it, the first logger a run fetches (pf4j's, when a note plugin
 * loads) makes slf4j and then logback search every JAR for their services, and logback print its
 * status through a date format that loads the time zone: about 20 ms of every run with a note. A
 * configuration other than the shipped one (an edited {@code conf/logback.xml}) is left to
 * logback's own provider, as without this class.
 */
public final class LogProvider implements SLF4JServiceProvider {

  private final LoggerContext context = new LoggerContext();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();
  private SLF4JServiceProvider delegate;

  @Override
  public void initialize() {
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);
    context.setName("default");
    context.setMDCAdapter(mdc);
    if (configurator.configure(context) == ExecutionStatus.NEUTRAL) {
      delegate = new LogbackServiceProvider();
      delegate.initialize();
      return;
    }
    context.start();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return delegate != null ? delegate.getLoggerFactory() : context;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return delegate != null ? delegate.getMarkerFactory() : markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return delegate != null ? delegate.getMDCAdapter() : mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return LogbackServiceProvider.REQUESTED_API_VERSION;
  }
}
