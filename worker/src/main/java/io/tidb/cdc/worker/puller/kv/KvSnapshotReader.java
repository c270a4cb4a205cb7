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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link SnapshotReader} through TiKV's {@code KvGet} (and {@code KvBatchGet} for many keys) on the
 * region leader, with the region errors handled as a TiKV client does: NotLeader moves to the
 * hinted leader, stale regions are reloaded, busy stores and locks back off. Called on worker
 * threads.
 */
final class KvSnapshotReader implements SnapshotReader {
  static final int MAX_ATTEMPTS = 12;

  /** Keys per {@code KvBatchGet}, as a TiKV client cuts a large batch. */
  static final int BATCH_KEYS = 1024;

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

  /**
   * {@inheritDoc}
   *
   * <p>Keys are grouped by region and read with {@code KvBatchGet}, at most {@value #BATCH_KEYS}
   * per call; keys whose region failed or that were locked are retried (regrouped, after a back
   * off) like a single read.
   */
  @Override
  public Map<Bytes, Bytes> readAll(List<Bytes> keys, long ts) throws SnapshotReadException {
    reads.add(keys.size());
    Map<Bytes, Bytes> out = new HashMap<>();
    List<Bytes> pending = keys;
    String last = "no attempt";
    for (int attempt = 0; attempt < MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
      if (attempt > 0 && !backoff.sleep(attempt - 1)) {
        throw new SnapshotReadException("interrupted while reading " + pending.size() + " keys");
      }
      List<Bytes> retry = new ArrayList<>();
      Map<RegionInfo, List<Bytes>> byRegion;
      try {
        byRegion = groupByRegion(pending);
      } catch (PdException e) {
        last = e.getMessage();
        continue;
      }
      for (Map.Entry<RegionInfo, List<Bytes>> e : byRegion.entrySet()) {
        List<Bytes> group = e.getValue();
        for (int i = 0; i < group.size(); i += BATCH_KEYS) {
          List<Bytes> batch = group.subList(i, Math.min(group.size(), i + BATCH_KEYS));
          String failed = batchGet(e.getKey(), batch, ts, out, retry);
          if (failed != null) {
            last = failed;
          }
        }
      }
      pending = retry;
    }
    if (!pending.isEmpty()) {
      throw new SnapshotReadException(
          "KvBatchGet of "
              + pending.size()
              + " keys (first "
              + pending.get(0)
              + ") at ts "
              + ts
              + " failed "
              + MAX_ATTEMPTS
              + " times; last: "
              + last);
    }
    return out;
  }

  /** Keys by their cached region, in key order within a region when the input is sorted. */
  private Map<RegionInfo, List<Bytes>> groupByRegion(List<Bytes> keys) throws PdException {
    Map<RegionInfo, List<Bytes>> out = new LinkedHashMap<>();
    RegionInfo region = null;
    for (Bytes k : keys) {
      if (region == null || !region.span().contains(k)) {
        region = cache.locate(k);
      }
      out.computeIfAbsent(region, r -> new ArrayList<>()).add(k);
    }
    return out;
  }

  /**
   * One {@code KvBatchGet}: values found go to {@code out}, keys to read again to {@code retry}.
   *
   * @return why keys must be retried, or null when none must
   */
  private String batchGet(
      RegionInfo region, List<Bytes> keys, long ts, Map<Bytes, Bytes> out, List<Bytes> retry)
      throws SnapshotReadException {
    if (!region.hasLeader()) {
      cache.invalidate(region.span());
      retry.addAll(keys);
      return region + " has no leader";
    }
    Kvrpcpb.BatchGetRequest.Builder req =
        Kvrpcpb.BatchGetRequest.newBuilder()
            .setContext(
                Kvrpcpb.Context.newBuilder()
                    .setRegionId(region.id())
                    .setRegionEpoch(region.epoch())
                    .setPeer(region.leader().toProto()))
            .setVersion(ts);
    keys.forEach(k -> req.addKeys(k.toByteString()));
    Kvrpcpb.BatchGetResponse resp;
    try {
      resp =
          TikvGrpc.newBlockingStub(connections.channelFor(region.leader().storeId()))
              .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
              .kvBatchGet(req.build());
    } catch (PdException e) {
      retry.addAll(keys);
      return e.getMessage();
    } catch (StatusRuntimeException e) {
      cache.invalidate(region.span());
      retry.addAll(keys);
      return "KvBatchGet failed: " + e.getStatus();
    }
    if (resp.hasRegionError()) {
      retry.addAll(keys);
      return onRegionError(region, resp.getRegionError());
    }
    if (resp.hasError()) {
      return keyError(resp.getError(), keys, ts, retry, keys);
    }
    String why = null;
    for (Kvrpcpb.KvPair p : resp.getPairsList()) {
      Bytes key = Bytes.of(p.getKey());
      if (p.hasError()) {
        why = keyError(p.getError(), List.of(key), ts, retry, keys);
      } else {
        out.put(key, Bytes.of(p.getValue()));
      }
    }
    return why;
  }

  /** A lock is retried; any other key error fails the read. */
  private static String keyError(
      Kvrpcpb.KeyError ke, List<Bytes> affected, long ts, List<Bytes> retry, List<Bytes> batch)
      throws SnapshotReadException {
    if (!ke.hasLocked()) {
      throw new SnapshotReadException(
          "KvBatchGet of " + batch.size() + " keys at ts " + ts + ": " + ke);
    }
    retry.addAll(affected);
    return "key locked by transaction " + ke.getLocked().getLockVersion();
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
