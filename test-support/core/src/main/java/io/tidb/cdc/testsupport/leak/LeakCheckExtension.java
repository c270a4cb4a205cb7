package io.tidb.cdc.testsupport.leak;

import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves non-daemon threads or child processes running. Registered for
 * every test class through JUnit's extension auto-detection (see {@link LeakCheckActivator}).
 *
 * <p>Before the class it notes what is alive; the check itself is a value in the class's store,
 * which JUnit closes after all {@code @AfterAll} methods, after-all callbacks and the other store
 * values of the class (this one is stored first, so it is closed last). It then waits up to {@value
 * #DEFAULT_WAIT_MILLIS} ms for new threads and processes to end before it fails the class, naming
 * them.
 *
 * <p>Configuration parameters (junit-platform.properties, or -D system properties):
 *
 * <ul>
 *   <li>{@code ticdc.leakcheck.enabled} — {@code false} turns the check off;
 *   <li>{@code ticdc.leakcheck.wait.millis} — how long to wait for stragglers;
 *   <li>{@code ticdc.leakcheck.allowed.threads}, {@code ticdc.leakcheck.allowed.processes} —
 *       comma-separated regular expressions allowed for every class of the module.
 * </ul>
 *
 * The check is skipped when JUnit runs classes in parallel: other classes' threads would be
 * indistinguishable from leaks.
 */
public final class LeakCheckExtension implements BeforeAllCallback {
  static final String ENABLED = "ticdc.leakcheck.enabled";
  static final String WAIT_MILLIS = "ticdc.leakcheck.wait.millis";
  static final String ALLOWED_THREADS = "ticdc.leakcheck.allowed.threads";
  static final String ALLOWED_PROCESSES = "ticdc.leakcheck.allowed.processes";
  static final long DEFAULT_WAIT_MILLIS = 5000;

  static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LeakCheckExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!isEnabled(context)) {
      return;
    }
    Class<?> testClass = context.getRequiredTestClass();
    LeakAllowance allowance =
        LeakAllowance.of(
            testClass,
            context.getConfigurationParameter(ALLOWED_THREADS).orElse(null),
            context.getConfigurationParameter(ALLOWED_PROCESSES).orElse(null));
    Duration wait =
        Duration.ofMillis(
            context
                .getConfigurationParameter(WAIT_MILLIS)
                .map(LeakCheckExtension::parseMillis)
                .orElse(DEFAULT_WAIT_MILLIS));
    context
        .getStore(NAMESPACE)
        .put(PendingCheck.class, new PendingCheck(testClass, LiveResources.now(), allowance, wait));
  }

  private static boolean isEnabled(ExtensionContext context) {
    boolean enabled =
        context.getConfigurationParameter(ENABLED, Boolean::parseBoolean).orElse(Boolean.TRUE);
    boolean parallel =
        context
            .getConfigurationParameter(
                "junit.jupiter.execution.parallel.enabled", Boolean::parseBoolean)
            .orElse(Boolean.FALSE);
    return enabled && !parallel;
  }

  private static long parseMillis(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          WAIT_MILLIS + " must be a number of milliseconds, got '" + value + "'", e);
    }
  }

  /** The check, run when JUnit closes the class's store. */
  record PendingCheck(
      Class<?> testClass, LiveResources baseline, LeakAllowance allowance, Duration patience)
      implements AutoCloseable {
    private static final long POLL_MILLIS = 50;

    @Override
    public void close() {
      long start = System.nanoTime();
      long deadline = start + patience.toNanos();
      Leaks leaks = LiveResources.since(baseline, allowance);
      while (!leaks.isEmpty() && System.nanoTime() - deadline < 0) {
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          // Report what is alive now rather than swallow the check.
          Thread.currentThread().interrupt();
          break;
        }
        leaks = LiveResources.since(baseline, allowance);
      }
      if (!leaks.isEmpty()) {
        throw new AssertionError(
            leaks.describe(testClass, Duration.ofNanos(System.nanoTime() - start)));
      }
    }
  }
}
