package io.tidb.cdc.worker.puller.kv;

import io.grpc.StatusRuntimeException;
import io.tidb.cdc.kvproto.Errorpb;
import io.tidb.cdc.kvproto.Kvrpcpb;
import io.tidb.cdc.kvproto.TikvGrpc;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.matcher.SnapshotReadException;
import io.tidb.cdc.worker.matcher.SnapshotReader;
import io.tidb.cdc.worker.puller.PullerMetrics;
import io.tidb.cdc.worker.puller.RegionErrorKind;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.puller.pd.RegionInfo;
import io.tidb.cdc.worker.puller.region.RegionCache;
import io.tidb.cdc.worker.puller.retry.Backoff;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link SnapshotReader} through TiKV's {@code KvGet} on the region leader, with the region errors
 * handled as a TiKV client does: NotLeader moves to the hinted leader, stale regions are reloaded,
 * busy stores and locks back off. Called on worker threads.
 */
final class KvSnapshotReader implements SnapshotReader {
  static final int MAX_ATTEMPTS = 12;

  private final RegionCache cache;
  private final StoreConnections connections;
  private final Backoff backoff;
  private final Duration timeout;
  private final PullerMetrics metrics;
  private final LongAdder reads = new LongAdder();

  KvSnapshotReader(
      RegionCache cache,
      StoreConnections connections,
      Backoff backoff,
      Duration timeout,
      PullerMetrics metrics) {
    this.cache = cache;
    this.connections = connections;
    this.backoff = backoff;
    this.timeout = timeout;
    this.metrics = metrics;
  }

  @Override
  public Optional<Bytes> read(Bytes key, long ts) throws SnapshotReadException {
    reads.increment();
    String last = "no attempt";
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0 && !backoff.sleep(attempt - 1)) {
        throw new SnapshotReadException("interrupted while reading key " + key);
      }
      RegionInfo region;
      Kvrpcpb.GetResponse resp;
      try {
        region = cache.locate(key);
        if (!region.hasLeader()) {
          cache.invalidate(region.span());
          last = region + " has no leader";
          continue;
        }
        resp =
            TikvGrpc.newBlockingStub(connections.channelFor(region.leader().storeId()))
                .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .kvGet(
                    Kvrpcpb.GetRequest.newBuilder()
                        .setContext(
                            Kvrpcpb.Context.newBuilder()
                                .setRegionId(region.id())
                                .setRegionEpoch(region.epoch())
                                .setPeer(region.leader().toProto()))
                        .setKey(key.toByteString())
                        .setVersion(ts)
                        .build());
      } catch (PdException e) {
        last = e.getMessage();
        continue;
      } catch (StatusRuntimeException e) {
        last = "KvGet failed: " + e.getStatus();
        cache.invalidate(KeySpan.of(key, Bytes.EMPTY));
        continue;
      }
      if (resp.hasRegionError()) {
        last = onRegionError(region, resp.getRegionError());
        continue;
      }
      if (resp.hasError()) {
        Kvrpcpb.KeyError ke = resp.getError();
        if (!ke.hasLocked()) {
          throw new SnapshotReadException("KvGet of key " + key + " at ts " + ts + ": " + ke);
        }
        last = "key locked by transaction " + ke.getLocked().getLockVersion();
        continue;
      }
      return resp.getNotFound() ? Optional.empty() : Optional.of(Bytes.of(resp.getValue()));
    }
    throw new SnapshotReadException(
        "KvGet of key "
            + key
            + " at ts "
            + ts
            + " failed "
            + MAX_ATTEMPTS
            + " times; last: "
            + last);
  }

  /** Reads asked for so far. */
  long reads() {
    return reads.sum();
  }

  private String onRegionError(RegionInfo region, Errorpb.Error e) {
    if (e.hasNotLeader() && e.getNotLeader().getLeader().getStoreId() != 0) {
      cache.updateLeader(region, e.getNotLeader().getLeader().getStoreId());
      return "not leader";
    }
    if (e.hasServerIsBusy()) {
      metrics.regionError(RegionErrorKind.SERVER_IS_BUSY);
      return "server is busy: " + e.getServerIsBusy().getReason();
    }
    cache.invalidate(region.span());
    return "region error: " + e.getMessage();
  }
}
