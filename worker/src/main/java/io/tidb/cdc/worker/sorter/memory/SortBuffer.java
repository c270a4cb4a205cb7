package io.tidb.cdc.worker.sorter.memory;

import io.tidb.cdc.worker.event.RawKvEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Events bucketed by commit ts. Adding is O(log t) for t distinct commit ts; draining sorts each
 * bucket once by (start ts, key), which is cheap because one transaction is one bucket. Not
 * thread-safe.
 */
public final class SortBuffer {
  private final TreeMap<Long, List<RawKvEvent>> buckets = new TreeMap<>();
  private long bytes;
  private long count;

  public void add(RawKvEvent event) {
    buckets.computeIfAbsent(event.commitTs(), ts -> new ArrayList<>()).add(event);
    bytes += event.estimatedSize();
    count++;
  }

  /** Removes and returns, in order, every event with commit ts at or below {@code ts}. */
  public Drained drainUpTo(long ts) {
    return drain(buckets.headMap(ts, true));
  }

  /** Removes and returns every event, in order. */
  public Drained drainAll() {
    return drain(buckets);
  }

  /** Drops every event without sorting; returns the bytes they were accounted at. */
  public long clear() {
    long dropped = bytes;
    buckets.clear();
    bytes = 0;
    count = 0;
    return dropped;
  }

  public long bytes() {
    return bytes;
  }

  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  private Drained drain(NavigableMap<Long, List<RawKvEvent>> view) {
    List<RawKvEvent> out = new ArrayList<>();
    long drainedBytes = 0;
    Iterator<Map.Entry<Long, List<RawKvEvent>>> it = view.entrySet().iterator();
    while (it.hasNext()) {
      List<RawKvEvent> bucket = it.next().getValue();
      it.remove();
      bucket.sort(RawKvEvent.ORDER);
      for (RawKvEvent e : bucket) {
        drainedBytes += e.estimatedSize();
      }
      out.addAll(bucket);
    }
    bytes -= drainedBytes;
    count -= out.size();
    return new Drained(out, drainedBytes);
  }

  /** Events taken out of the buffer, in order, and the bytes they were accounted at. */
  public record Drained(List<RawKvEvent> events, long bytes) {}
}
