package io.tidb.cdc.worker.puller.region;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A timestamp for every key of a span, held as contiguous segments. Not thread-safe; {@link
 * RangeLock} guards it.
 */
final class RangeTsMap {
  private final KeySpan span;

  /** Segment start → ts; a segment ends where the next starts (the last at the span end). */
  private final TreeMap<Bytes, Long> segments = new TreeMap<>();

  RangeTsMap(KeySpan span, long ts) {
    this.span = span;
    segments.put(span.start(), ts);
  }

  /** Sets the ts of {@code range} (within the span). */
  void set(KeySpan range, long ts) {
    Bytes s = range.start();
    Bytes e = range.end();
    splitAt(s);
    splitAt(e);
    NavigableMap<Bytes, Long> inside =
        e.isEmpty() ? segments.tailMap(s, true) : segments.subMap(s, true, e, false);
    inside.clear();
    segments.put(s, ts);
    mergeWithPrevious(s);
    if (!e.isEmpty()) {
      mergeWithPrevious(e);
    }
  }

  /** The smallest ts over {@code range} (within the span). */
  long min(KeySpan range) {
    Bytes from = segments.floorKey(range.start());
    long min = Long.MAX_VALUE;
    for (Map.Entry<Bytes, Long> seg : segments.tailMap(from, true).entrySet()) {
      if (!KeySpan.isBefore(seg.getKey(), range.end())) {
        break;
      }
      min = Math.min(min, seg.getValue());
    }
    return min;
  }

  int segmentCount() {
    return segments.size();
  }

  private void splitAt(Bytes key) {
    if (key.isEmpty() || !KeySpan.isBefore(key, span.end())) {
      return;
    }
    Map.Entry<Bytes, Long> floor = segments.floorEntry(key);
    if (floor != null && !floor.getKey().equals(key)) {
      segments.put(key, floor.getValue());
    }
  }

  private void mergeWithPrevious(Bytes key) {
    Long ts = segments.get(key);
    Map.Entry<Bytes, Long> prev = segments.lowerEntry(key);
    if (ts != null && prev != null && prev.getValue().longValue() == ts) {
      segments.remove(key);
    }
  }
}
