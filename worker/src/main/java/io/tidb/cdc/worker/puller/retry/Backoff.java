package io.tidb.cdc.worker.puller.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential back-off with jitter: attempt {@code n} (from 0) waits a random time in
 * {@code [d/2, d]} where {@code d = min(max, base * 2^n)}. The jitter keeps regions that failed
 * together (a store went down) from coming back in lock step.
 */
public record Backoff(Duration base, Duration max) {
  public Backoff {
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("back-off base must be positive, got " + base);
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("back-off max " + max + " is below its base " + base);
    }
  }

  /** The upper bound of the wait before attempt {@code attempt}, in milliseconds. */
  public long ceilingMillis(int attempt) {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must not be negative, got " + attempt);
    }
    long baseMs = Math.max(1, base.toMillis());
    long maxMs = max.toMillis();
    int shift = Math.min(attempt, 30);
    long d = baseMs << shift;
    return d <= 0 || d > maxMs ? maxMs : d;
  }

  /** A jittered wait before attempt {@code attempt}, in milliseconds. */
  public long delayMillis(int attempt) {
    long ceiling = ceilingMillis(attempt);
    long floor = ceiling / 2;
    return floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1);
  }

  /** Sleeps {@link #delayMillis}; restores the interrupt flag and returns false if interrupted. */
  public boolean sleep(int attempt) {
    try {
      Thread.sleep(delayMillis(attempt));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
