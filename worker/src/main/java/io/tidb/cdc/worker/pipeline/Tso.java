package io.tidb.cdc.worker.pipeline;

import java.time.Instant;

/** PD timestamps: {@code physical milliseconds << 18 | logical}. Pure functions. */
public final class Tso {
  public static final int LOGICAL_BITS = 18;

  private Tso() {}

  public static long physicalMillis(long ts) {
    return ts >>> LOGICAL_BITS;
  }

  /** The first ts of millisecond {@code millis}. */
  public static long ofMillis(long millis) {
    return millis << LOGICAL_BITS;
  }

  public static Instant toInstant(long ts) {
    return Instant.ofEpochMilli(physicalMillis(ts));
  }

  /** Seconds from {@code ts} to {@code nowMillis}, never negative; 0 for ts 0. */
  public static double lagSeconds(long ts, long nowMillis) {
    if (ts <= 0) {
      return 0;
    }
    return Math.max(0, nowMillis - physicalMillis(ts)) / 1000.0;
  }
}
