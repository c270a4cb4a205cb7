package io.tidb.cdc.worker.pipeline;

/**
 * Caps memory quotas to the heap this JVM has, so the defaults (1 GiB of sorter memory, 256 MiB of
 * unmatched prewrites) cannot exhaust a small heap: a quota beyond its share of the heap only means
 * spilling (or evicting) later than the heap allows. Pure.
 */
public final class HeapBudget {
  /** The sorters' share of the maximum heap. */
  public static final double SORTER_SHARE = 0.25;

  /** The matcher's share of the maximum heap. */
  public static final double MATCHER_SHARE = 0.125;

  /** Below this a quota is not lowered further: tiny quotas only thrash. */
  static final long FLOOR_BYTES = 16L << 20;

  private HeapBudget() {}

  /** {@code requested}, or {@code share} of {@code maxHeapBytes} when that is smaller. */
  public static long cap(long requested, long maxHeapBytes, double share) {
    if (maxHeapBytes <= 0 || maxHeapBytes == Long.MAX_VALUE) {
      return requested;
    }
    long limit = Math.max(FLOOR_BYTES, (long) (maxHeapBytes * share));
    return Math.min(requested, limit);
  }
}
