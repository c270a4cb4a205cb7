package io.tidb.cdc.worker.puller.region;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Makes sure a subscribed span has at most one live region subscription per key, and remembers
 * where every key range stands, as TiCDC's region range lock does.
 *
 * <p>Before a region is subscribed its range (clipped to the span) is locked with the region's id
 * and epoch version:
 *
 * <ul>
 *   <li>no overlap with a locked range: {@link Locked}, with the checkpoint ts to subscribe from —
 *       the smallest resolved ts recorded over the range, so a split child or a merged region
 *       resumes from where its parents stood;
 *   <li>an overlapping lock of the same or a newer version (the region info is stale, or the
 *       subscription already exists): {@link Stale}, with the uncovered parts to look up again;
 *   <li>overlapping only older versions (their regions will fail and unlock soon): {@link Blocked};
 *       try again later.
 * </ul>
 *
 * A region subscription that ends unlocks its range with its resolved ts. Thread-safe.
 */
public final class RangeLock {
  /** Outcome of {@link #lock}. */
  public sealed interface Result permits Locked, Stale, Blocked {}

  /** The range is locked; subscribe from {@code checkpointTs}. */
  public record Locked(long checkpointTs) implements Result {}

  /** The region info is stale; look up {@code retryRanges} again (may be empty). */
  public record Stale(List<KeySpan> retryRanges) implements Result {}

  /** Older subscriptions of regions {@code holders} still hold part of the range. */
  public record Blocked(List<Long> holders) implements Result {}

  private record Entry(KeySpan range, long regionId, long version) {}

  private final KeySpan span;
  private final TreeMap<Bytes, Entry> locked = new TreeMap<>();
  private final Map<Long, Entry> byRegion = new HashMap<>();
  private final RangeTsMap ts;

  public RangeLock(KeySpan span, long startTs) {
    this.span = Objects.requireNonNull(span, "span");
    this.ts = new RangeTsMap(span, startTs);
  }

  public synchronized Result lock(KeySpan range, long regionId, long version) {
    requireInside(range);
    List<Entry> overlapping = overlapping(range);
    Entry same = byRegion.get(regionId);
    List<Entry> conflicts = new ArrayList<>(overlapping);
    if (same != null && !conflicts.contains(same)) {
      conflicts.add(same);
    }
    if (conflicts.isEmpty()) {
      Entry e = new Entry(range, regionId, version);
      locked.put(range.start(), e);
      byRegion.put(regionId, e);
      return new Locked(ts.min(range));
    }
    for (Entry c : conflicts) {
      if (c.version >= version) {
        return new Stale(uncovered(range, overlapping));
      }
    }
    return new Blocked(conflicts.stream().map(Entry::regionId).toList());
  }

  /**
   * Unlocks a range locked by {@link #lock} and records its resolved ts.
   *
   * @throws IllegalStateException when the range is not locked by that region
   */
  public synchronized void unlock(KeySpan range, long regionId, long resolvedTs) {
    Entry e = locked.get(range.start());
    if (e == null || e.regionId != regionId || !e.range.equals(range)) {
      throw new IllegalStateException(
          "unlocking " + range + " of region " + regionId + " but the lock holds " + e);
    }
    locked.remove(range.start());
    byRegion.remove(regionId, e);
    ts.set(range, resolvedTs);
  }

  /** Number of locked ranges. */
  public synchronized int lockedCount() {
    return locked.size();
  }

  /** The ts recorded for {@code range} when it was last unlocked (or the start ts). */
  public synchronized long recordedTs(KeySpan range) {
    requireInside(range);
    return ts.min(range);
  }

  public KeySpan span() {
    return span;
  }

  private List<Entry> overlapping(KeySpan range) {
    List<Entry> out = new ArrayList<>();
    Map.Entry<Bytes, Entry> floor = locked.floorEntry(range.start());
    Bytes from = floor == null ? range.start() : floor.getKey();
    for (Entry e : locked.tailMap(from, true).values()) {
      if (!KeySpan.isBefore(e.range.start(), range.end())) {
        break;
      }
      if (e.range.intersect(range).isPresent()) {
        out.add(e);
      }
    }
    return out;
  }

  /** The parts of {@code range} no entry of {@code overlapping} (in key order) covers. */
  private static List<KeySpan> uncovered(KeySpan range, List<Entry> overlapping) {
    List<KeySpan> out = new ArrayList<>();
    Bytes cursor = range.start();
    for (Entry e : overlapping) {
      if (cursor.compareTo(e.range.start()) < 0) {
        out.add(KeySpan.of(cursor, e.range.start()));
      }
      if (e.range.end().isEmpty()) {
        return out;
      }
      if (cursor.compareTo(e.range.end()) < 0) {
        cursor = e.range.end();
      }
    }
    if (KeySpan.isBefore(cursor, range.end())) {
      out.add(KeySpan.of(cursor, range.end()));
    }
    return out;
  }

  private void requireInside(KeySpan range) {
    if (range.isEmpty() || !range.intersect(span).map(range::equals).orElse(false)) {
      throw new IllegalArgumentException("range " + range + " is not a part of span " + span);
    }
  }
}
