package io.tidb.cdc.sim.cluster;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.mvcc.Keys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable map of the key space to regions. Regions tile the whole key space without gaps;
 * every admin operation builds a new table, so readers never see a half-applied change.
 */
public final class RegionTable {
  private final TreeMap<ByteString, Region> byRawStart;
  private final TreeMap<ByteString, Region> byEncodedStart;
  private final Map<Long, Region> byId;

  RegionTable(Collection<Region> regions) {
    byRawStart = new TreeMap<>(Keys.ORDER);
    byEncodedStart = new TreeMap<>(Keys.ORDER);
    byId = new HashMap<>();
    for (Region r : regions) {
      byRawStart.put(r.start(), r);
      byEncodedStart.put(r.meta().getStartKey(), r);
      byId.put(r.id(), r);
    }
  }

  /** The region holding the raw key (never empty: regions tile the key space). */
  public Region locate(ByteString rawKey) {
    return byRawStart.floorEntry(rawKey).getValue();
  }

  /** The region holding an encoded key, as PD's GetRegion looks it up. */
  public Region locateEncoded(ByteString encodedKey) {
    return byEncodedStart.floorEntry(encodedKey).getValue();
  }

  public Optional<Region> byId(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The region just before {@code region}, if any. */
  public Optional<Region> previous(Region region) {
    Map.Entry<ByteString, Region> e = byRawStart.lowerEntry(region.start());
    return e == null ? Optional.empty() : Optional.of(e.getValue());
  }

  /** The region just after {@code region}, if any. */
  public Optional<Region> next(Region region) {
    return region.end().isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(byRawStart.get(region.end()));
  }

  /**
   * Regions overlapping the encoded range {@code [start, end)} in key order, at most {@code limit}
   * ({@code limit <= 0}: no limit), as PD's ScanRegions.
   */
  public List<Region> scanEncoded(ByteString start, ByteString end, int limit) {
    List<Region> out = new ArrayList<>();
    ByteString from = byEncodedStart.floorKey(start);
    for (Region r : byEncodedStart.tailMap(from, true).values()) {
      if (limit > 0 && out.size() >= limit) {
        break;
      }
      if (!end.isEmpty() && Keys.ORDER.compare(r.meta().getStartKey(), end) >= 0) {
        break;
      }
      out.add(r);
    }
    return out;
  }

  /** Regions overlapping the raw range {@code [start, end)} in key order. */
  public List<Region> overlapping(ByteString start, ByteString end) {
    List<Region> out = new ArrayList<>();
    ByteString from = byRawStart.floorKey(start);
    for (Region r : byRawStart.tailMap(from, true).values()) {
      if (!end.isEmpty() && Keys.ORDER.compare(r.start(), end) >= 0) {
        break;
      }
      out.add(r);
    }
    return out;
  }

  public List<Region> all() {
    return List.copyOf(byRawStart.values());
  }

  public int size() {
    return byId.size();
  }

  RegionTable replace(Collection<Region> removed, Collection<Region> added) {
    Map<Long, Region> next = new HashMap<>(byId);
    removed.forEach(r -> next.remove(r.id()));
    added.forEach(r -> next.put(r.id(), r));
    return new RegionTable(next.values());
  }
}
