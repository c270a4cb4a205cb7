package io.tidb.cdc.worker.pipeline;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.tidb.cdc.kvproto.Kvrpcpb;
import io.tidb.cdc.kvproto.TikvGrpc;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.matcher.SnapshotReadException;
import io.tidb.cdc.worker.matcher.SnapshotReader;
import io.tidb.cdc.worker.puller.pd.GrpcChannels;
import io.tidb.cdc.worker.puller.pd.PdClient;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.puller.pd.RegionInfo;
import io.tidb.cdc.worker.puller.retry.Backoff;
import io.tidb.cdc.worker.schema.MetaReadException;
import io.tidb.cdc.worker.schema.MetaReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link MetaReader} over TiKV: point reads through the puller's snapshot reader, range scans with
 * {@code KvScan} region by region on the leaders PD names. Region errors and locks are retried with
 * back-off: the schema loader runs once per changefeed start, so simplicity wins over a cache.
 */
public final class KvMetaReader implements MetaReader, AutoCloseable {
  static final int SCAN_BATCH = 1024;
  static final int MAX_ATTEMPTS = 20;

  private final PdClient pd;
  private final SnapshotReader reader;
  private final Duration timeout;
  private final Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofSeconds(1));
  private final Map<Long, ManagedChannel> channels = new ConcurrentHashMap<>();

  public KvMetaReader(PdClient pd, SnapshotReader reader, Duration timeout) {
    this.pd = pd;
    this.reader = reader;
    this.timeout = timeout;
  }

  @Override
  public Optional<Bytes> get(Bytes key, long ts) throws MetaReadException {
    try {
      return reader.read(key, ts);
    } catch (SnapshotReadException e) {
      throw new MetaReadException("reading meta key " + key + " at ts " + ts + ": " + e, e);
    }
  }

  @Override
  public List<KeyValue> scan(KeySpan span, long ts) throws MetaReadException {
    List<KeyValue> out = new ArrayList<>();
    Bytes from = span.start();
    int attempt = 0;
    String last = "";
    while (KeySpan.isBefore(from, span.end())) {
      if (attempt >= MAX_ATTEMPTS) {
        throw new MetaReadException(
            "scanning " + span + " at ts " + ts + " failed " + attempt + " times; last: " + last);
      }
      try {
        RegionInfo region = regionOf(from, span.end());
        Bytes end =
            KeySpan.compareEnds(region.span().end(), span.end()) < 0
                ? region.span().end()
                : span.end();
        Kvrpcpb.ScanResponse resp = scanOnce(region, from, end, ts);
        if (resp.hasRegionError()) {
          last = "region error: " + resp.getRegionError().getMessage();
          backoff.sleep(attempt++);
          continue;
        }
        String lock = lockOf(resp);
        if (lock != null) {
          last = lock;
          backoff.sleep(attempt++);
          continue;
        }
        attempt = 0;
        for (Kvrpcpb.KvPair p : resp.getPairsList()) {
          out.add(new KeyValue(Bytes.of(p.getKey()), Bytes.of(p.getValue())));
        }
        if (resp.getPairsCount() >= SCAN_BATCH) {
          byte[] k = resp.getPairs(resp.getPairsCount() - 1).getKey().toByteArray();
          byte[] next = java.util.Arrays.copyOf(k, k.length + 1);
          from = Bytes.copyOf(next);
        } else if (end.isEmpty()) {
          break;
        } else {
          from = end;
        }
      } catch (PdException | StatusRuntimeException e) {
        last = e.toString();
        if (!backoff.sleep(attempt++)) {
          throw new MetaReadException("interrupted while scanning " + span, e);
        }
      }
    }
    return out;
  }

  private RegionInfo regionOf(Bytes key, Bytes end) throws PdException {
    List<RegionInfo> regions = pd.scanRegions(KeySpan.of(key, end), 1);
    if (regions.isEmpty() || !regions.get(0).span().contains(key)) {
      throw new PdException("PD knows no region holding key " + key);
    }
    RegionInfo r = regions.get(0);
    if (!r.hasLeader()) {
      throw new PdException(r + " has no leader");
    }
    return r;
  }

  private Kvrpcpb.ScanResponse scanOnce(RegionInfo region, Bytes from, Bytes end, long ts)
      throws PdException {
    return TikvGrpc.newBlockingStub(channel(region.leader().storeId()))
        .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .kvScan(
            Kvrpcpb.ScanRequest.newBuilder()
                .setContext(
                    Kvrpcpb.Context.newBuilder()
                        .setRegionId(region.id())
                        .setRegionEpoch(region.epoch())
                        .setPeer(region.leader().toProto()))
                .setStartKey(from.toByteString())
                .setEndKey(end.toByteString())
                .setLimit(SCAN_BATCH)
                .setVersion(ts)
                .build());
  }

  private static String lockOf(Kvrpcpb.ScanResponse resp) {
    for (Kvrpcpb.KvPair p : resp.getPairsList()) {
      if (p.hasError()) {
        return "key " + Bytes.of(p.getKey()) + ": " + p.getError();
      }
    }
    return null;
  }

  private ManagedChannel channel(long storeId) throws PdException {
    ManagedChannel c = channels.get(storeId);
    if (c == null) {
      c = pd.channelSecurity().open(pd.getStore(storeId).address());
      ManagedChannel raced = channels.putIfAbsent(storeId, c);
      if (raced != null) {
        GrpcChannels.close(c);
        c = raced;
      }
    }
    return c;
  }

  @Override
  public void close() {
    channels.values().forEach(GrpcChannels::close);
    channels.clear();
  }
}
