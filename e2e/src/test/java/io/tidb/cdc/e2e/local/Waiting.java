package io.tidb.cdc.e2e.local;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds; on timeout fails with what was last seen and a diagnosis. */
final class Waiting {
  private Waiting() {}

  /** A probe that may throw (kubectl, the API server, etcd). */
  interface Probe<T> {
    T get() throws Exception;
  }

  static <T> T until(
      String what, Duration timeout, Probe<T> probe, Predicate<T> done, Supplier<String> diagnosis)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    Exception error = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.get();
        error = null;
        if (done.test(last)) {
          return last;
        }
      } catch (Exception e) {
        error = e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "timed out after "
            + timeout
            + " waiting for: "
            + what
            + "\nlast seen: "
            + last
            + (error == null ? "" : "\nlast error: " + error)
            + "\n"
            + diagnosis.get());
  }
}
