package io.tidb.cdc.sim.workload;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Paces calls to a steady rate by sleeping until each call's slot (no bursts). */
final class RateLimiter {
  private final long intervalNanos;
  private long next;

  /**
   * @param perSecond permits per second, 0 or less for no limit
   */
  RateLimiter(double perSecond) {
    this.intervalNanos = perSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    this.next = System.nanoTime();
  }

  void acquire() {
    if (intervalNanos == 0) {
      return;
    }
    long now = System.nanoTime();
    if (next > now) {
      LockSupport.parkNanos(next - now);
    }
    next = Math.max(next, now) + intervalNanos;
  }
}
