package io.tidb.cdc.worker.puller;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** {@link PullerMetrics} as in-memory counters, readable at any time. Thread-safe. */
public final class CountingPullerMetrics implements PullerMetrics {
  private final Map<RegionErrorKind, LongAdder> errors = new EnumMap<>(RegionErrorKind.class);
  private final LongAdder requested = new LongAdder();
  private final LongAdder initialized = new LongAdder();
  private final LongAdder stale = new LongAdder();
  private final LongAdder rows = new LongAdder();

  public CountingPullerMetrics() {
    for (RegionErrorKind kind : RegionErrorKind.values()) {
      errors.put(kind, new LongAdder());
    }
  }

  @Override
  public void regionError(RegionErrorKind kind) {
    errors.get(kind).increment();
  }

  @Override
  public void regionRequested() {
    requested.increment();
  }

  @Override
  public void regionInitialized() {
    initialized.increment();
  }

  @Override
  public void staleEventDropped() {
    stale.increment();
  }

  @Override
  public void rowDelivered() {
    rows.increment();
  }

  public long errors(RegionErrorKind kind) {
    return errors.get(kind).sum();
  }

  /** Non-zero error counters by kind. */
  public Map<RegionErrorKind, Long> errorCounts() {
    Map<RegionErrorKind, Long> out = new EnumMap<>(RegionErrorKind.class);
    errors.forEach(
        (kind, n) -> {
          if (n.sum() > 0) {
            out.put(kind, n.sum());
          }
        });
    return out;
  }

  public long regionsRequested() {
    return requested.sum();
  }

  public long regionsInitialized() {
    return initialized.sum();
  }

  public long staleEventsDropped() {
    return stale.sum();
  }

  public long rowsDelivered() {
    return rows.sum();
  }

  @Override
  public String toString() {
    return "requested="
        + regionsRequested()
        + " initialized="
        + regionsInitialized()
        + " rows="
        + rowsDelivered()
        + " stale="
        + staleEventsDropped()
        + " errors="
        + errorCounts();
  }
}
