package io.tidb.cdc.worker.event;

import java.util.Comparator;
import java.util.Objects;

/**
 * One committed key-value change as it leaves the matcher: the key, its new value (empty for a
 * delete), the old value when the changefeed asked for old values (empty when there is none), the
 * transaction's start and commit timestamps and the region it came from.
 *
 * <p>Timestamps are TiDB TSOs; they fit in 63 bits and are compared as signed longs.
 */
public record RawKvEvent(
    OpType op, Bytes key, Bytes value, Bytes oldValue, long startTs, long commitTs, long regionId) {

  /** Release order of the sorter: commit ts, then start ts, then key. */
  public static final Comparator<RawKvEvent> ORDER =
      Comparator.comparingLong(RawKvEvent::commitTs)
          .thenComparingLong(RawKvEvent::startTs)
          .thenComparing(RawKvEvent::key);

  /**
   * A rough heap footprint of one event beyond its byte payloads: the record, three {@link Bytes}
   * wrappers with their array headers, and a list slot. Used for memory quotas, not for billing.
   */
  public static final int FIXED_OVERHEAD_BYTES = 160;

  public RawKvEvent {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(oldValue, "oldValue");
    if (startTs < 0 || commitTs < 0) {
      throw new IllegalArgumentException(
          "timestamps must fit in 63 bits: startTs=" + startTs + " commitTs=" + commitTs);
    }
    if (commitTs < startTs) {
      throw new IllegalArgumentException(
          "commitTs " + commitTs + " is before startTs " + startTs + " for key " + key);
    }
  }

  /** Estimated heap bytes held by this event. */
  public long estimatedSize() {
    return FIXED_OVERHEAD_BYTES + (long) key.length() + value.length() + oldValue.length();
  }
}
