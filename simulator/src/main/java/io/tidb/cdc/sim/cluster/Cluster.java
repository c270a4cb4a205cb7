package io.tidb.cdc.sim.cluster;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.mvcc.Applied;
import io.tidb.cdc.sim.mvcc.Keys;
import io.tidb.cdc.sim.mvcc.Mutation;
import io.tidb.cdc.sim.mvcc.MvccStore;
import io.tidb.cdc.sim.mvcc.Tso;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The simulated TiKV cluster: stores, regions, the TSO and the Percolator store. One lock
 * serialises every transaction step and admin operation, which gives CDC observers a single order
 * of events (the role raft logs play in TiKV). Reads go to the immutable region table and the MVCC
 * store without that lock.
 */
public final class Cluster {
  private final long clusterId;
  private final Tso tso;
  private final MvccStore mvcc = new MvccStore();
  private final Map<Long, StoreNode> stores = new LinkedHashMap<>();
  private final List<ClusterObserver> observers = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong ids;
  private volatile RegionTable regions;

  /**
   * A cluster of {@code storeCount} stores (ids 1..n) with one region covering the whole key space,
   * replicated on {@code min(replicas, storeCount)} stores, its leader on store 1.
   */
  public Cluster(long clusterId, Tso tso, int storeCount, int replicas, String storeVersion) {
    if (storeCount < 1) {
      throw new IllegalArgumentException("a cluster needs at least one store, got " + storeCount);
    }
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
    }
    this.clusterId = clusterId;
    this.tso = tso;
    for (long id = 1; id <= storeCount; id++) {
      stores.put(id, new StoreNode(id, storeVersion));
    }
    ids = new AtomicLong(storeCount);
    long regionId = ids.incrementAndGet();
    List<Peer> peers = new ArrayList<>();
    for (long s = 1; s <= Math.min(replicas, storeCount); s++) {
      peers.add(new Peer(ids.incrementAndGet(), s));
    }
    Region first = new Region(regionId, ByteString.EMPTY, ByteString.EMPTY, 1, 1, peers, 1);
    regions = new RegionTable(List.of(first));
  }

  public long clusterId() {
    return clusterId;
  }

  public Tso tso() {
    return tso;
  }

  public MvccStore mvcc() {
    return mvcc;
  }

  /** The current regions (an immutable snapshot). */
  public RegionTable regions() {
    return regions;
  }

  public StoreNode store(long id) {
    StoreNode s = stores.get(id);
    if (s == null) {
      throw new IllegalArgumentException("no store " + id + " (stores: " + stores.keySet() + ")");
    }
    return s;
  }

  public List<StoreNode> stores() {
    return List.copyOf(stores.values());
  }

  /** A fresh id from the same space PD uses for regions and peers. */
  public long allocId() {
    return ids.incrementAndGet();
  }

  public void addObserver(ClusterObserver observer) {
    observers.add(observer);
  }

  public void setStoreAddress(long storeId, String address) {
    store(storeId).setAddress(address);
  }

  /**
   * Runs {@code action} while no transaction step or admin operation can happen, for a consistent
   * snapshot of regions and data (used by CDC registration and resolved ts).
   */
  public <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  // ---- transaction steps -------------------------------------------------------------------

  /** Prewrites all mutations (see {@link MvccStore#prewrite}) and notifies observers per region. */
  public List<Applied.Prewritten> prewrite(
      List<Mutation> mutations, ByteString primary, long startTs, long ttlMillis) {
    return apply(
        mutations.stream().map(Mutation::key).toList(),
        () -> mvcc.prewrite(mutations, primary, startTs, ttlMillis));
  }

  /** Commits the transaction's keys (see {@link MvccStore#commit}). */
  public List<Applied.Committed> commit(Collection<ByteString> keys, long startTs, long commitTs) {
    return apply(keys, () -> mvcc.commit(keys, startTs, commitTs));
  }

  /** Rolls the transaction back on the keys (see {@link MvccStore#rollback}). */
  public List<Applied.RolledBack> rollback(Collection<ByteString> keys, long startTs) {
    return apply(keys, () -> mvcc.rollback(keys, startTs));
  }

  private <A extends Applied> List<A> apply(Collection<ByteString> keys, Supplier<List<A>> step) {
    lock.lock();
    try {
      RegionTable table = regions;
      Region single = null; // the one region all keys lie in, if they do
      boolean several = false;
      for (ByteString key : keys) {
        if (single != null && single.contains(key)) {
          continue; // batches are usually per region: skip the lookup
        }
        Region r = table.locate(key);
        if (!store(r.leader().storeId()).isUp()) {
          throw new RegionUnavailableException(
              "region " + r.id() + " holding key " + Keys.describe(key) + " has no running leader");
        }
        several |= single != null;
        single = r;
      }
      List<A> applied = step.get();
      if (!applied.isEmpty() && !observers.isEmpty()) {
        if (several) {
          notifyByRegion(table, applied);
        } else {
          Region region = single;
          observers.forEach(o -> o.onApplied(region, applied));
        }
      }
      return applied;
    } finally {
      lock.unlock();
    }
  }

  private <A extends Applied> void notifyByRegion(RegionTable table, List<A> applied) {
    Map<Region, List<A>> byRegion = new LinkedHashMap<>();
    for (A a : applied) {
      byRegion.computeIfAbsent(table.locate(a.key()), r -> new ArrayList<>()).add(a);
    }
    byRegion.forEach((r, list) -> observers.forEach(o -> o.onApplied(r, list)));
  }

  // ---- admin operations --------------------------------------------------------------------

  /**
   * Splits the region holding {@code rawKey} at that key. As TiKV does by default (right-derive),
   * the original id keeps the right part and a new region takes the left; both get version + 1.
   *
   * @return the two regions, left first
   * @throws IllegalArgumentException if the key is already a region boundary
   */
  public List<Region> split(ByteString rawKey) {
    return admin(
        table -> {
          Region parent = table.locate(rawKey);
          if (parent.start().equals(rawKey)) {
            throw new IllegalArgumentException(
                "key " + Keys.describe(rawKey) + " is already the start of region " + parent.id());
          }
          long ver = parent.version() + 1;
          List<Peer> peers =
              parent.peers().stream().map(p -> new Peer(allocId(), p.storeId())).toList();
          Region left =
              new Region(
                  allocId(),
                  parent.start(),
                  rawKey,
                  parent.confVer(),
                  ver,
                  peers,
                  parent.leader().storeId());
          Region right = parent.withRangeAndEpoch(rawKey, parent.end(), parent.confVer(), ver);
          regions = table.replace(List.of(parent), List.of(left, right));
          observers.forEach(o -> o.onSplit(parent, List.of(left, right)));
          return List.of(left, right);
        });
  }

  /**
   * Merges region {@code sourceId} into the adjacent region {@code targetId}. The source goes
   * through PrepareMerge (version and conf version + 1) and disappears; the target covers both
   * ranges with version {@code max(source, target) + 1}, as TiKV's CommitMerge sets it.
   *
   * @return the merged target region
   */
  public Region merge(long sourceId, long targetId) {
    return admin(
        table -> {
          Region source = regionById(table, sourceId);
          Region target = regionById(table, targetId);
          boolean sourceLeft = source.end().equals(target.start()) && !source.end().isEmpty();
          boolean sourceRight = target.end().equals(source.start()) && !target.end().isEmpty();
          if (!sourceLeft && !sourceRight) {
            throw new IllegalArgumentException(
                "regions " + sourceId + " and " + targetId + " are not adjacent");
          }
          long preparedVersion = source.version() + 1;
          long version = Math.max(preparedVersion, target.version()) + 1;
          Region merged =
              target.withRangeAndEpoch(
                  sourceLeft ? source.start() : target.start(),
                  sourceLeft ? target.end() : source.end(),
                  target.confVer(),
                  version);
          regions = table.replace(List.of(source, target), List.of(merged));
          observers.forEach(o -> o.onMerge(source, target, merged));
          return merged;
        });
  }

  /** Moves the leader of region {@code regionId} to its peer on {@code storeId}. */
  public Region transferLeader(long regionId, long storeId) {
    return admin(
        table -> {
          Region before = regionById(table, regionId);
          if (before.peerOn(storeId).isEmpty()) {
            throw new IllegalArgumentException(
                "region " + regionId + " has no peer on store " + storeId);
          }
          if (!store(storeId).isUp()) {
            throw new IllegalArgumentException(
                "store " + storeId + " is stopped and cannot lead region " + regionId);
          }
          if (before.leader().storeId() == storeId) {
            return before;
          }
          Region after = before.withLeader(storeId);
          regions = table.replace(List.of(before), List.of(after));
          observers.forEach(o -> o.onLeaderChange(before, after));
          return after;
        });
  }

  /**
   * Stops a store: its connections break, and each region it led elects a leader among its running
   * peers at once (a fast raft election); regions without one stay unavailable.
   */
  public void stopStore(long storeId) {
    admin(
        table -> {
          StoreNode node = store(storeId);
          if (!node.isUp()) {
            throw new IllegalStateException("store " + storeId + " is already stopped");
          }
          node.setUp(false);
          observers.forEach(o -> o.onStoreStopped(storeId));
          RegionTable current = table;
          for (Region r : table.all()) {
            if (r.leader().storeId() != storeId) {
              continue;
            }
            Peer next =
                r.peers().stream()
                    .filter(p -> p.storeId() != storeId && store(p.storeId()).isUp())
                    .findFirst()
                    .orElse(null);
            if (next != null) {
              Region after = r.withLeader(next.storeId());
              current = current.replace(List.of(r), List.of(after));
              observers.forEach(o -> o.onLeaderChange(r, after));
            }
          }
          regions = current;
          return null;
        });
  }

  /** Starts a stopped store again; it follows the regions it has peers of. */
  public void startStore(long storeId) {
    admin(
        table -> {
          StoreNode node = store(storeId);
          if (node.isUp()) {
            throw new IllegalStateException("store " + storeId + " is already running");
          }
          node.setUp(true);
          observers.forEach(o -> o.onStoreStarted(storeId));
          return null;
        });
  }

  private <T> T admin(Function<RegionTable, T> op) {
    lock.lock();
    try {
      return op.apply(regions);
    } finally {
      lock.unlock();
    }
  }

  private static Region regionById(RegionTable table, long id) {
    return table
        .byId(id)
        .orElseThrow(() -> new IllegalArgumentException("no region with id " + id));
  }
}
