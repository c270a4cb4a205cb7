package io.tidb.cdc.sim.fault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a test can switch on while the simulator runs. A busy store answers KV reads with the
 * {@code ServerIsBusy} region error; its EventFeed registrations are refused with the error this
 * kvproto version can carry for that case (see {@code EventFeedErrors}).
 */
public final class FaultInjector {
  private final Map<Long, AtomicInteger> busyStores = new ConcurrentHashMap<>();

  /**
   * Makes the next {@code times} requests to {@code storeId} fail as busy (Integer.MAX_VALUE: until
   * cleared).
   */
  public void storeBusy(long storeId, int times) {
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative, got " + times);
    }
    busyStores.put(storeId, new AtomicInteger(times));
  }

  /** Clears every fault of {@code storeId}. */
  public void clear(long storeId) {
    busyStores.remove(storeId);
  }

  /** Consumes one busy answer of {@code storeId}, if any is armed. */
  public boolean takeBusy(long storeId) {
    AtomicInteger left = busyStores.get(storeId);
    if (left == null) {
      return false;
    }
    while (true) {
      int n = left.get();
      if (n <= 0) {
        return false;
      }
      if (n == Integer.MAX_VALUE || left.compareAndSet(n, n - 1)) {
        return true;
      }
    }
  }
}
