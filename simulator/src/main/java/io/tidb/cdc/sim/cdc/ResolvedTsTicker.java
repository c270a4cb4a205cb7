package io.tidb.cdc.sim.cdc;

import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.sim.cluster.Cluster;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes and sends resolved ts, as TiKV's CDC endpoint does on every min-ts tick: take a fresh
 * TSO timestamp, then (with writes held off) each region's resolved ts becomes the larger of its
 * previous value and {@code min(tso, oldest lock start ts in the region)}. Any transaction whose
 * lock was not seen gets its commit ts from the TSO later, so it commits above the value sent. Only
 * subscriptions past INITIALIZED receive it; a stream that negotiated batch resolved ts gets one
 * {@code ChangeDataEvent.resolved_ts} per distinct value, older clients one event per region.
 */
final class ResolvedTsTicker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ResolvedTsTicker.class);

  private final Cluster cluster;
  private final Map<Long, RegionFeed> feeds;

  ResolvedTsTicker(Cluster cluster, Map<Long, RegionFeed> feeds) {
    this.cluster = cluster;
    this.feeds = feeds;
  }

  @Override
  public void run() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("resolved ts tick failed", e);
    }
  }

  // Event.resolved_ts is deprecated in kvproto, but TiKV still sends it to clients older than
  // 4.0.8.
  @SuppressWarnings("deprecation")
  void tick() {
    long ts = cluster.tso().next();
    // Sent while writes are held off: every end of a subscription happens under the same lock
    // (or with its whole stream gone), so no resolved ts can follow a subscription's error.
    cluster.locked(
        () -> {
          Map<FeedConnection, Map<Long, Set<Long>>> batched = new HashMap<>();
          for (Iterator<RegionFeed> it = feeds.values().iterator(); it.hasNext(); ) {
            RegionFeed feed = it.next();
            if (feed.downstreams().isEmpty()) {
              it.remove();
              continue;
            }
            long minLock =
                cluster.mvcc().minLockStartTs(feed.region().start(), feed.region().end());
            long resolved = feed.advanceResolvedTs(Math.min(ts, minLock));
            for (Downstream d : feed.downstreams()) {
              if (!d.isNormal()) {
                continue;
              }
              if (d.conn().features().batchResolvedTs()) {
                batched
                    .computeIfAbsent(d.conn(), c -> new HashMap<>())
                    .computeIfAbsent(resolved, x -> new LinkedHashSet<>())
                    .add(d.regionId());
              } else {
                d.send(
                    Cdcpb.Event.newBuilder()
                        .setRegionId(d.regionId())
                        .setRequestId(d.requestId())
                        .setResolvedTs(resolved)
                        .build());
              }
            }
          }
          batched.forEach(
              (conn, byTs) ->
                  byTs.forEach(
                      (resolved, regions) ->
                          conn.enqueue(
                              Cdcpb.ResolvedTs.newBuilder()
                                  .setTs(resolved)
                                  .addAllRegions(regions)
                                  .build())));
          return null;
        });
  }
}
