package io.tidb.cdc.worker.sorter.memory;

import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.sorter.SortedEventSink;
import io.tidb.cdc.worker.sorter.Sorter;
import io.tidb.cdc.worker.sorter.SorterException;
import java.util.Objects;

/**
 * A {@link Sorter} that keeps everything on the heap, without a limit. For tests, small spans and
 * benchmarks' baselines; changefeeds use the spilling sorter.
 */
public final class MemorySorter implements Sorter {
  private final SortedEventSink sink;
  private final SortBuffer buffer = new SortBuffer();
  private long resolvedTs;
  private boolean closed;

  public MemorySorter(long startTs, SortedEventSink sink) {
    if (startTs < 0) {
      throw new IllegalArgumentException("start ts must fit in 63 bits: " + startTs);
    }
    this.resolvedTs = startTs;
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public synchronized void add(RawKvEvent event) throws SorterException {
    if (closed) {
      throw new SorterException("sorter is closed");
    }
    if (event.commitTs() <= resolvedTs) {
      throw new SorterException(
          "event of key "
              + event.key()
              + " with commitTs="
              + event.commitTs()
              + " arrived after resolved ts "
              + resolvedTs
              + " was released");
    }
    buffer.add(event);
  }

  @Override
  public synchronized void resolve(long ts) throws SorterException {
    if (closed) {
      throw new SorterException("sorter is closed");
    }
    if (ts <= resolvedTs) {
      return;
    }
    for (RawKvEvent e : buffer.drainUpTo(ts).events()) {
      sink.onEvent(e);
    }
    resolvedTs = ts;
    sink.onResolved(ts);
  }

  @Override
  public synchronized long resolvedTs() {
    return resolvedTs;
  }

  /** Events buffered and not yet released. */
  public synchronized long buffered() {
    return buffer.count();
  }

  @Override
  public synchronized void close() {
    closed = true;
    buffer.clear();
  }
}
