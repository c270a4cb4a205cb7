package io.tidb.cdc.sim.cdc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.Errorpb;
import io.tidb.cdc.kvproto.Kvrpcpb;
import io.tidb.cdc.sim.cluster.Cluster;
import io.tidb.cdc.sim.cluster.ClusterObserver;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.cluster.RegionErrors;
import io.tidb.cdc.sim.fault.FaultInjector;
import io.tidb.cdc.sim.mvcc.Applied;
import io.tidb.cdc.sim.mvcc.KeyState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CDC endpoint of all simulated stores: accepts EventFeed registrations, validates them as TiKV
 * does, runs incremental scans, turns transaction steps into live events and admin operations into
 * region errors, and drives resolved ts. A region has at most one feed, on its leader store.
 */
public final class CdcHub implements ClusterObserver, AutoCloseable {
  /** The version TiKV names in a Compatibility error for a non-TiDB kv_api. */
  private static final String KV_API_REQUIRED_VERSION = "6.2.0";

  private final Cluster cluster;
  private final FaultInjector faults;
  private final CdcConfig config;
  private final Map<Long, RegionFeed> feeds = new ConcurrentHashMap<>();
  private final Set<FeedConnection> connections = ConcurrentHashMap.newKeySet();
  private final ExecutorService sendPool;
  private final ExecutorService scanPool;
  private final ScheduledExecutorService tickPool;
  private final LiveEvents live;

  public CdcHub(Cluster cluster, FaultInjector faults, CdcConfig config) {
    this.cluster = cluster;
    this.faults = faults;
    this.config = config;
    this.live = new LiveEvents(config.streamQuotaBytes());
    int cores = Runtime.getRuntime().availableProcessors();
    sendPool = Executors.newFixedThreadPool(Math.max(2, cores), daemon("sim-cdc-send"));
    scanPool = Executors.newFixedThreadPool(config.scanThreads(), daemon("sim-cdc-scan"));
    tickPool = Executors.newSingleThreadScheduledExecutor(daemon("sim-cdc-resolved-ts"));
    long interval = config.resolvedTsInterval().toNanos();
    tickPool.scheduleWithFixedDelay(
        new ResolvedTsTicker(cluster, feeds), interval, interval, TimeUnit.NANOSECONDS);
    cluster.addObserver(this);
  }

  /** Number of live subscriptions over all streams (for tests and diagnostics). */
  public int subscriptionCount() {
    return connections.stream().mapToInt(c -> c.downstreams().size()).sum();
  }

  /** Number of open EventFeed streams. */
  public int connectionCount() {
    return connections.size();
  }

  // ---- streams ------------------------------------------------------------------------------

  FeedConnection open(
      long storeId, ServerCallStreamObserver<Cdcpb.ChangeDataEvent> out, String featuresHeader) {
    FeedConnection[] self = new FeedConnection[1];
    self[0] =
        new FeedConnection(
            storeId, out, sendPool, featuresHeader, () -> closeConnection(self[0], Status.OK));
    connections.add(self[0]);
    return self[0];
  }

  /** Drops every subscription of the stream and ends it with {@code status}. */
  void closeConnection(FeedConnection conn, Status status) {
    // Under the cluster lock, so that no registration of this stream is half done meanwhile.
    cluster.locked(
        () -> {
          if (!connections.remove(conn)) {
            return null;
          }
          conn.close(status);
          for (Downstream d : conn.downstreams().values()) {
            d.stop(null);
            RegionFeed feed = feeds.get(d.regionId());
            if (feed != null) {
              feed.downstreams().remove(d);
            }
          }
          conn.downstreams().clear();
          return null;
        });
  }

  void onRequest(FeedConnection conn, Cdcpb.ChangeDataRequest req) {
    if (req.getRequestCase() == Cdcpb.ChangeDataRequest.RequestCase.NOTIFY_TXN_STATUS) {
      return; // only async-commit transactions need it; the simulator has none
    }
    long regionId = req.getRegionId();
    long requestId = req.getRequestId();
    String version = req.getHeader().getTicdcVersion();
    if (!conn.negotiate(version)) {
      reject(conn, regionId, requestId, EventFeedErrors.compatibility(conn.features().version()));
      return;
    }
    long clusterId = req.getHeader().getClusterId();
    if (conn.features().validateClusterId() && clusterId != cluster.clusterId()) {
      reject(
          conn,
          regionId,
          requestId,
          EventFeedErrors.clusterIdMismatch(cluster.clusterId(), clusterId));
      return;
    }
    if (req.getKvApi() != Cdcpb.ChangeDataRequest.KvAPI.TiDB) {
      reject(conn, regionId, requestId, EventFeedErrors.compatibility(KV_API_REQUIRED_VERSION));
      return;
    }
    if (faults.takeBusy(conn.storeId())) {
      reject(conn, regionId, requestId, EventFeedErrors.regionNotFound(regionId));
      return;
    }
    Optional<IncrementalScan> scan = cluster.locked(() -> subscribe(conn, req));
    scan.ifPresent(scanPool::execute);
  }

  /** Validates and registers under the cluster lock; returns the scan to run, if accepted. */
  private Optional<IncrementalScan> subscribe(FeedConnection conn, Cdcpb.ChangeDataRequest req) {
    long regionId = req.getRegionId();
    long requestId = req.getRequestId();
    if (conn.isClosed()) {
      return Optional.empty();
    }
    Optional<Region> found =
        cluster.regions().byId(regionId).filter(r -> r.peerOn(conn.storeId()).isPresent());
    if (found.isEmpty()) {
      reject(conn, regionId, requestId, EventFeedErrors.regionNotFound(regionId));
      return Optional.empty();
    }
    Region region = found.get();
    FeedConnection.SubKey key = conn.keyOf(regionId, requestId);
    if (conn.downstreams().containsKey(key)) {
      reject(conn, regionId, requestId, EventFeedErrors.duplicateRequest(regionId));
      return Optional.empty();
    }
    Optional<Errorpb.Error> regionError =
        RegionErrors.check(cluster.regions(), conn.storeId(), 0, regionId, req.getRegionEpoch());
    if (regionError.isPresent()) {
      reject(
          conn, regionId, requestId, EventFeedErrors.fromRegionError(regionError.get(), regionId));
      return Optional.empty();
    }
    Downstream d =
        new Downstream(
            conn,
            regionId,
            requestId,
            req.getCheckpointTs(),
            req.getExtraOp() == Kvrpcpb.ExtraOp.ReadOldValue,
            ObservedRange.of(region, req.getStartKey(), req.getEndKey()));
    conn.downstreams().put(key, d);
    feeds.computeIfAbsent(regionId, id -> new RegionFeed(region)).downstreams().add(d);
    List<Map.Entry<ByteString, KeyState>> snapshot =
        cluster.mvcc().snapshot(region.start(), region.end());
    return Optional.of(new IncrementalScan(d, snapshot, config.scanBacklogBytes()));
  }

  private static void reject(
      FeedConnection conn, long regionId, long requestId, Cdcpb.Error error) {
    conn.enqueue(EventFeedErrors.event(regionId, requestId, error));
  }

  // ---- cluster events (called under the cluster lock) ----------------------------------------

  @Override
  public void onApplied(Region region, List<? extends Applied> changes) {
    RegionFeed feed = feeds.get(region.id());
    if (feed != null) {
      live.dispatch(feed, changes, this::detach);
    }
  }

  @Override
  public void onSplit(Region before, List<Region> after) {
    endFeed(before.id(), epochNotMatch(after));
  }

  @Override
  public void onMerge(Region source, Region targetBefore, Region targetAfter) {
    // TiKV reports PrepareMerge and CommitMerge as EpochNotMatch without current regions.
    endFeed(source.id(), epochNotMatch(List.of()));
    endFeed(targetBefore.id(), epochNotMatch(List.of()));
  }

  @Override
  public void onLeaderChange(Region before, Region after) {
    endFeed(
        before.id(),
        Cdcpb.Error.newBuilder()
            .setNotLeader(
                Errorpb.NotLeader.newBuilder()
                    .setRegionId(after.id())
                    .setLeader(after.leader().toProto()))
            .build());
  }

  @Override
  public void onStoreStopped(long storeId) {
    for (FeedConnection conn : List.copyOf(connections)) {
      if (conn.storeId() == storeId) {
        closeConnection(conn, Status.UNAVAILABLE.withDescription("store " + storeId + " stopped"));
      }
    }
  }

  private static Cdcpb.Error epochNotMatch(List<Region> current) {
    Errorpb.EpochNotMatch.Builder b = Errorpb.EpochNotMatch.newBuilder();
    current.forEach(r -> b.addCurrentRegions(r.meta()));
    return Cdcpb.Error.newBuilder().setEpochNotMatch(b).build();
  }

  private void endFeed(long regionId, Cdcpb.Error error) {
    RegionFeed feed = feeds.remove(regionId);
    if (feed == null) {
      return;
    }
    for (Downstream d : feed.downstreams()) {
      d.stop(error);
      d.conn().downstreams().remove(d.key(), d);
    }
  }

  private void detach(Downstream d) {
    d.conn().downstreams().remove(d.key(), d);
    RegionFeed feed = feeds.get(d.regionId());
    if (feed != null) {
      feed.downstreams().remove(d);
    }
  }

  @Override
  public void close() {
    for (FeedConnection conn : List.copyOf(connections)) {
      closeConnection(conn, Status.UNAVAILABLE.withDescription("simulator closed"));
    }
    tickPool.shutdownNow();
    scanPool.shutdownNow();
    sendPool.shutdown();
    try {
      if (!sendPool.awaitTermination(2, TimeUnit.SECONDS)) {
        sendPool.shutdownNow();
      }
      scanPool.awaitTermination(2, TimeUnit.SECONDS);
      tickPool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
