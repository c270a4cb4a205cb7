package io.tidb.cdc.operator.changefeed;

import java.time.Instant;

/** PD timestamps: the physical part (ms since the epoch) is the TSO shifted right by 18 bits. */
public final class Tso {
  private static final int LOGICAL_BITS = 18;

  private Tso() {}

  public static Instant physical(long tso) {
    return Instant.ofEpochMilli(tso >>> LOGICAL_BITS);
  }

  public static long of(Instant time, long logical) {
    return (time.toEpochMilli() << LOGICAL_BITS) | logical;
  }
}
