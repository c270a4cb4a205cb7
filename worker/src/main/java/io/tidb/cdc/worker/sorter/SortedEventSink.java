package io.tidb.cdc.worker.sorter;

import io.tidb.cdc.worker.event.RawKvEvent;

/** Receives what a {@link Sorter} releases. */
public interface SortedEventSink {
  /** The next change in (commit ts, start ts, key) order. */
  void onEvent(RawKvEvent event);

  /** Every change at or below {@code resolvedTs} has been passed to {@link #onEvent}. */
  void onResolved(long resolvedTs);
}
