package io.tidb.cdc.worker.sorter;

import io.tidb.cdc.worker.event.RawKvEvent;

/**
 * Buffers committed changes of one span and releases them in {@link RawKvEvent#ORDER} once the
 * span's resolved ts covers them. Implementations deliver to the {@link SortedEventSink} they were
 * built with, on the thread that calls {@link #resolve}; they are safe to call from several
 * threads.
 */
public interface Sorter extends AutoCloseable {
  /**
   * Buffers {@code event}.
   *
   * @throws SorterException when the event is at or below the resolved ts already released (it
   *     would be delivered out of order), when the sorter is closed, or on a spill I/O error
   */
  void add(RawKvEvent event) throws SorterException;

  /**
   * Delivers every buffered change with commit ts at or below {@code resolvedTs}, in order, then
   * {@link SortedEventSink#onResolved}. A ts at or below the current one is ignored.
   */
  void resolve(long resolvedTs) throws SorterException;

  /** The last ts passed to {@link #resolve} that took effect (initially the start ts). */
  long resolvedTs();

  /** Drops everything still buffered and deletes any files. Idempotent. */
  @Override
  void close();
}
