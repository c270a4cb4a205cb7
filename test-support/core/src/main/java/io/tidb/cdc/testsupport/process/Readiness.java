package io.tidb.cdc.testsupport.process;

import java.time.Duration;
import java.util.Locale;

/** Polls a real readiness condition of a starting server until it holds or a deadline passes. */
public final class Readiness {
  private static final long FIRST_PAUSE_MILLIS = 20;
  private static final long MAX_PAUSE_MILLIS = 250;

  /** A condition that holds once the server serves requests; exceptions count as "not yet". */
  @FunctionalInterface
  public interface Probe {
    boolean ready() throws Exception;
  }

  private Readiness() {}

  /**
   * Returns once {@code probe} holds. Fails early, with the log tail, if the process exits, and
   * fails when {@code timeout} passes; in both cases the process tree is killed first.
   */
  public static void await(ChildProcess process, Duration timeout, Probe probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_PAUSE_MILLIS;
    Exception lastError = null;
    while (true) {
      if (!process.isAlive()) {
        throw new ServerStartException(
            process.spec(),
            "exited with code " + process.exitCodeOrMinusOne() + " before it was ready",
            lastError);
      }
      try {
        if (probe.ready()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.close();
        throw new ServerStartException(process.spec(), "interrupted while starting", e);
      } catch (Exception e) {
        lastError = e;
      }
      if (System.nanoTime() - deadline > 0) {
        process.close();
        throw new ServerStartException(
            process.spec(),
            String.format(Locale.ROOT, "not ready within %.1f s", timeout.toMillis() / 1000.0),
            lastError);
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.close();
        throw new ServerStartException(process.spec(), "interrupted while starting", e);
      }
      pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
    }
  }
}
