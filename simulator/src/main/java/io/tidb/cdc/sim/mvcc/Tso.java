package io.tidb.cdc.sim.mvcc;

import java.util.function.LongSupplier;

/**
 * PD's timestamp oracle: a timestamp is {@code physical_ms << 18 | logical}. Timestamps are
 * strictly increasing across calls; a batch of {@code count} timestamps is reserved at once and the
 * last one returned, as PD's {@code Tso} RPC does.
 */
public final class Tso {
  public static final int LOGICAL_BITS = 18;
  private static final long MAX_LOGICAL = 1L << LOGICAL_BITS;

  private final LongSupplier clockMillis;
  private long physical;
  private long logical;

  public Tso() {
    this(System::currentTimeMillis);
  }

  public Tso(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  public static long compose(long physicalMillis, long logical) {
    return (physicalMillis << LOGICAL_BITS) | logical;
  }

  public static long physicalOf(long ts) {
    return ts >>> LOGICAL_BITS;
  }

  public static long logicalOf(long ts) {
    return ts & (MAX_LOGICAL - 1);
  }

  /** Allocates one timestamp. */
  public long next() {
    return next(1);
  }

  /**
   * Reserves {@code count} consecutive timestamps and returns the largest; the caller owns {@code
   * [result - count + 1, result]}.
   */
  public synchronized long next(int count) {
    if (count < 1 || count >= MAX_LOGICAL) {
      throw new IllegalArgumentException(
          "TSO count must be in [1, " + (MAX_LOGICAL - 1) + "], got " + count);
    }
    long now = clockMillis.getAsLong();
    if (now > physical) {
      physical = now;
      logical = 0;
    }
    if (logical + count >= MAX_LOGICAL) {
      // The logical part is exhausted within this millisecond: borrow the next one, as PD does
      // when it has to wait for its clock.
      physical++;
      logical = 0;
    }
    logical += count;
    return compose(physical, logical);
  }

  /** The last timestamp handed out, without allocating one (0 before the first allocation). */
  public synchronized long last() {
    return physical == 0 ? 0 : compose(physical, logical);
  }
}
