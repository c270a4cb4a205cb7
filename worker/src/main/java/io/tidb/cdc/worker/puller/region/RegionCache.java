package io.tidb.cdc.worker.puller.region;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.puller.pd.PdClient;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.puller.pd.RegionInfo;
import io.tidb.cdc.worker.puller.pd.StoreInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Regions and store addresses learnt from PD, so that subscribing many spans of one region or
 * retrying on a new leader does not ask PD each time. Entries are dropped when a region error shows
 * them stale ({@link #invalidate}); PD calls happen outside the cache's lock. Thread-safe.
 */
public final class RegionCache {
  private final PdClient pd;
  private final int scanLimit;
  private final TreeMap<Bytes, RegionInfo> byStart = new TreeMap<>();
  private final Map<Long, StoreInfo> stores = new HashMap<>();

  /**
   * @param scanLimit regions asked of PD per ScanRegions call
   */
  public RegionCache(PdClient pd, int scanLimit) {
    this.pd = Objects.requireNonNull(pd, "pd");
    if (scanLimit < 1) {
      throw new IllegalArgumentException("scan limit must be positive, got " + scanLimit);
    }
    this.scanLimit = scanLimit;
  }

  /**
   * The regions overlapping {@code range} in key order: from the cache when it covers the range
   * without a gap, else from PD (which may leave gaps while a split is being reported).
   */
  public List<RegionInfo> regionsIn(KeySpan range) throws PdException {
    Optional<List<RegionInfo>> cached = cachedCover(range);
    if (cached.isPresent()) {
      return cached.get();
    }
    List<RegionInfo> out = new ArrayList<>();
    Bytes cursor = range.start();
    while (true) {
      List<RegionInfo> batch = pd.scanRegions(KeySpan.of(cursor, range.end()), scanLimit);
      if (batch.isEmpty()) {
        break;
      }
      out.addAll(batch);
      Bytes end = batch.get(batch.size() - 1).span().end();
      if (end.isEmpty()
          || !KeySpan.isBefore(end, range.end())
          || end.compareTo(cursor) <= 0
          || batch.size() < scanLimit) {
        break;
      }
      cursor = end;
    }
    synchronized (this) {
      out.forEach(this::insert);
    }
    return out;
  }

  /** The region holding {@code key}. */
  public RegionInfo locate(Bytes key) throws PdException {
    synchronized (this) {
      Map.Entry<Bytes, RegionInfo> floor = byStart.floorEntry(key);
      if (floor != null && floor.getValue().span().contains(key)) {
        return floor.getValue();
      }
    }
    RegionInfo found =
        pd.getRegion(key).orElseThrow(() -> new PdException("PD knows no region for key " + key));
    synchronized (this) {
      insert(found);
    }
    return found;
  }

  /** Forgets every cached region overlapping {@code range}. */
  public synchronized void invalidate(KeySpan range) {
    for (RegionInfo r : overlapping(range)) {
      byStart.remove(r.span().start());
    }
  }

  /** Records that {@code region} is now led by its replica on {@code storeId}. */
  public synchronized void updateLeader(RegionInfo region, long storeId) {
    RegionInfo cached = byStart.get(region.span().start());
    if (cached != null && cached.id() == region.id() && cached.version() == region.version()) {
      cached.withLeaderOn(storeId).ifPresentOrElse(this::insert, () -> invalidate(region.span()));
    }
  }

  /** The address of store {@code storeId}, cached after the first PD answer. */
  public String storeAddress(long storeId) throws PdException {
    synchronized (this) {
      StoreInfo s = stores.get(storeId);
      if (s != null) {
        return s.address();
      }
    }
    StoreInfo s = pd.getStore(storeId);
    synchronized (this) {
      stores.put(storeId, s);
    }
    return s.address();
  }

  /** Forgets the address of {@code storeId} (its connection failed; it may have moved). */
  public synchronized void invalidateStore(long storeId) {
    stores.remove(storeId);
  }

  public synchronized int size() {
    return byStart.size();
  }

  private synchronized Optional<List<RegionInfo>> cachedCover(KeySpan range) {
    List<RegionInfo> out = new ArrayList<>();
    Bytes cursor = range.start();
    Map.Entry<Bytes, RegionInfo> floor = byStart.floorEntry(cursor);
    if (floor == null) {
      return Optional.empty();
    }
    for (RegionInfo r : byStart.tailMap(floor.getKey(), true).values()) {
      if (!r.span().contains(cursor)) {
        return Optional.empty();
      }
      out.add(r);
      Bytes end = r.span().end();
      if (end.isEmpty() || !KeySpan.isBefore(end, range.end())) {
        return Optional.of(out);
      }
      cursor = end;
    }
    return Optional.empty();
  }

  private void insert(RegionInfo r) {
    for (RegionInfo old : overlapping(r.span())) {
      byStart.remove(old.span().start());
    }
    byStart.put(r.span().start(), r);
  }

  private List<RegionInfo> overlapping(KeySpan range) {
    List<RegionInfo> out = new ArrayList<>();
    Map.Entry<Bytes, RegionInfo> floor = byStart.floorEntry(range.start());
    Bytes from = floor == null ? range.start() : floor.getKey();
    for (RegionInfo r : byStart.tailMap(from, true).values()) {
      if (!KeySpan.isBefore(r.span().start(), range.end())) {
        break;
      }
      if (r.span().intersect(range).isPresent()) {
        out.add(r);
      }
    }
    return out;
  }
}
