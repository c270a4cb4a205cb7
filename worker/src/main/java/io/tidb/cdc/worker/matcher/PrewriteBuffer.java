package io.tidb.cdc.worker.matcher;

import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.worker.memory.MemoryQuota;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The unmatched prewrites of one region, charged to a shared {@link MemoryQuota}.
 *
 * <p>When the quota cannot take a prewrite, the prewrite's whole transaction is <em>evicted</em> in
 * this region: its held values are dropped and released, and only its start ts is remembered. Later
 * prewrites of an evicted transaction are not stored; its commits are served by a snapshot read.
 * While the region is still scanning, an evicted prewrite leaves a key-only <em>marker</em>,
 * because at initialization a cached commit must tell "its prewrite was seen (read the value)" from
 * "the scan already delivered it as COMMITTED (drop it)". Markers are bounded by the region's size
 * and are dropped at initialization; after that an evicted transaction costs O(1) memory.
 */
final class PrewriteBuffer {
  /** Where in the region's life a lookup happens. */
  enum Phase {
    /** Before INITIALIZED: the incremental scan and live events interleave. */
    SCANNING,
    /** Matching the commits cached while scanning, at INITIALIZED. */
    AT_INITIALIZED,
    /** After INITIALIZED. */
    LIVE
  }

  /** How a commit matched. */
  enum Outcome {
    /** The prewrite was held; its row is in {@link Match#prewrite()}. */
    HELD,
    /** The prewrite's value was evicted; read it from a snapshot. */
    EVICTED,
    /** No prewrite is known. */
    NONE
  }

  record Match(Outcome outcome, Cdcpb.Event.Row prewrite) {
    static final Match EVICTED = new Match(Outcome.EVICTED, null);
    static final Match NONE = new Match(Outcome.NONE, null);
  }

  // Object headers, map entry, MatchKey and ByteString wrappers; a rough figure, like TiCDC's.
  private static final int ROW_OVERHEAD_BYTES = 200;
  private static final int MARKER_OVERHEAD_BYTES = 96;

  private final MemoryQuota quota;
  private final Map<MatchKey, Cdcpb.Event.Row> held = new HashMap<>();
  private final Set<Long> evictedTxns = new HashSet<>();
  // Marker -> whether the evicted prewrite carried a value (an empty one may be a heartbeat).
  private final Map<MatchKey, Boolean> markers = new HashMap<>();
  private long heldBytes;
  private long markerBytes;

  PrewriteBuffer(MemoryQuota quota) {
    this.quota = quota;
  }

  /** Holds a prewrite, or evicts its transaction when the quota is exhausted. */
  void put(Cdcpb.Event.Row row, Phase phase) {
    MatchKey key = MatchKey.of(row);
    if (evictedTxns.contains(key.startTs())) {
      rememberEvicted(key, row, phase);
      return;
    }
    Cdcpb.Event.Row existing = held.get(key);
    // A txn heartbeat re-sends the lock with an empty value; it must not hide the real one.
    if (existing != null && row.getValue().isEmpty()) {
      return;
    }
    long size = sizeOf(row);
    if (existing != null) {
      long old = sizeOf(existing);
      held.remove(key);
      heldBytes -= old;
      quota.release(old);
    }
    if (quota.tryAcquire(size)) {
      held.put(key, row);
      heldBytes += size;
      return;
    }
    evict(key.startTs(), phase);
    rememberEvicted(key, row, phase);
  }

  /** Finds the prewrite a commit matches and removes it. */
  Match take(MatchKey key, Phase phase) {
    Cdcpb.Event.Row prewrite = held.get(key);
    if (prewrite != null) {
      // While scanning, a lone heartbeat prewrite may stand in for a prewrite not seen yet.
      if (phase == Phase.SCANNING && prewrite.getValue().isEmpty()) {
        return Match.NONE;
      }
      remove(key, prewrite);
      return new Match(Outcome.HELD, prewrite);
    }
    Boolean markerHasValue = markers.get(key);
    if (markerHasValue != null && (markerHasValue || phase != Phase.SCANNING)) {
      markers.remove(key);
      releaseMarker(key);
      return Match.EVICTED;
    }
    if (phase == Phase.LIVE && evictedTxns.contains(key.startTs())) {
      return Match.EVICTED;
    }
    return Match.NONE;
  }

  /** Drops a rolled-back prewrite. */
  void rollback(MatchKey key) {
    Cdcpb.Event.Row prewrite = held.get(key);
    if (prewrite != null) {
      remove(key, prewrite);
    } else if (markers.remove(key) != null) {
      releaseMarker(key);
    }
  }

  /** At INITIALIZED: evicted transactions are known by start ts alone from now on. */
  void dropMarkers() {
    markers.clear();
    quota.release(markerBytes);
    markerBytes = 0;
  }

  /**
   * Forgets evicted transactions that started before {@code resolvedTs}: TiKV only advances a
   * region's resolved ts past a start ts once that transaction's locks there are gone, and it sends
   * their commits and rollbacks before the resolved ts.
   */
  void forgetEvictedBefore(long resolvedTs) {
    evictedTxns.removeIf(startTs -> startTs < resolvedTs);
  }

  void releaseAll() {
    held.clear();
    quota.release(heldBytes);
    heldBytes = 0;
    evictedTxns.clear();
    dropMarkers();
  }

  int heldCount() {
    return held.size();
  }

  long heldBytes() {
    return heldBytes;
  }

  int evictedTxnCount() {
    return evictedTxns.size();
  }

  int markerCount() {
    return markers.size();
  }

  private void evict(long startTs, Phase phase) {
    evictedTxns.add(startTs);
    Iterator<Map.Entry<MatchKey, Cdcpb.Event.Row>> it = held.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<MatchKey, Cdcpb.Event.Row> e = it.next();
      if (e.getKey().startTs() == startTs) {
        long size = sizeOf(e.getValue());
        it.remove();
        heldBytes -= size;
        quota.release(size);
        rememberEvicted(e.getKey(), e.getValue(), phase);
      }
    }
  }

  private void rememberEvicted(MatchKey key, Cdcpb.Event.Row row, Phase phase) {
    if (phase == Phase.LIVE) {
      return;
    }
    boolean hasValue = !row.getValue().isEmpty();
    Boolean before = markers.get(key);
    if (before == null) {
      long size = markerSize(key);
      markerBytes += size;
      // Correctness needs the marker; it is small and bounded by the region's scan.
      quota.forceAcquire(size);
      markers.put(key, hasValue);
    } else if (hasValue && !before) {
      markers.put(key, true);
    }
  }

  private void remove(MatchKey key, Cdcpb.Event.Row prewrite) {
    held.remove(key);
    long size = sizeOf(prewrite);
    heldBytes -= size;
    quota.release(size);
  }

  private void releaseMarker(MatchKey key) {
    long size = markerSize(key);
    markerBytes -= size;
    quota.release(size);
  }

  private static long sizeOf(Cdcpb.Event.Row row) {
    return ROW_OVERHEAD_BYTES
        + (long) row.getKey().size()
        + row.getValue().size()
        + row.getOldValue().size();
  }

  private static long markerSize(MatchKey key) {
    return MARKER_OVERHEAD_BYTES + (long) key.key().size();
  }
}
