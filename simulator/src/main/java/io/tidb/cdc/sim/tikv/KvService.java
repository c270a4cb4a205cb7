package io.tidb.cdc.sim.tikv;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.tidb.cdc.kvproto.Errorpb;
import io.tidb.cdc.kvproto.Kvrpcpb;
import io.tidb.cdc.kvproto.TikvGrpc;
import io.tidb.cdc.sim.cluster.Cluster;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.cluster.RegionErrors;
import io.tidb.cdc.sim.cluster.RegionTable;
import io.tidb.cdc.sim.fault.FaultInjector;
import io.tidb.cdc.sim.mvcc.Keys;
import io.tidb.cdc.sim.mvcc.Lock;
import io.tidb.cdc.sim.mvcc.LockOp;
import io.tidb.cdc.sim.mvcc.ReadOptions;
import io.tidb.cdc.sim.mvcc.ReadResult;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Transactional snapshot reads of one store ({@code KvGet}, {@code KvScan}, {@code KvBatchGet}):
 * the request context is checked as TiKV's raftstore checks it (region on this store, leader, epoch
 * version), keys must lie in the region, and a lock at or below the read ts answers {@code
 * KeyIsLocked}. Other TiKV RPCs answer UNIMPLEMENTED.
 */
public final class KvService extends TikvGrpc.TikvImplBase {
  private final long storeId;
  private final Cluster cluster;
  private final FaultInjector faults;

  public KvService(long storeId, Cluster cluster, FaultInjector faults) {
    this.storeId = storeId;
    this.cluster = cluster;
    this.faults = faults;
  }

  @Override
  public void kvGet(Kvrpcpb.GetRequest req, StreamObserver<Kvrpcpb.GetResponse> out) {
    Kvrpcpb.GetResponse.Builder resp = Kvrpcpb.GetResponse.newBuilder();
    Checked checked = check(req.getContext());
    if (checked.error() != null) {
      resp.setRegionError(checked.error());
    } else if (!checked.region().contains(req.getKey())) {
      resp.setRegionError(RegionErrors.keyNotInRegion(req.getKey(), checked.region()));
    } else {
      ReadResult r =
          cluster
              .mvcc()
              .get(
                  req.getKey(),
                  readTs(req.getVersion()),
                  options(req.getContext(), req.getVersion()));
      if (r instanceof ReadResult.Found f) {
        resp.setValue(f.value());
      } else if (r instanceof ReadResult.Locked l) {
        resp.setError(locked(l.key(), l.lock()));
      } else {
        resp.setNotFound(true);
      }
    }
    out.onNext(resp.build());
    out.onCompleted();
  }

  @Override
  public void kvBatchGet(
      Kvrpcpb.BatchGetRequest req, StreamObserver<Kvrpcpb.BatchGetResponse> out) {
    Kvrpcpb.BatchGetResponse.Builder resp = Kvrpcpb.BatchGetResponse.newBuilder();
    Checked checked = check(req.getContext());
    if (checked.error() != null) {
      resp.setRegionError(checked.error());
    } else {
      Optional<ByteString> outside =
          req.getKeysList().stream().filter(k -> !checked.region().contains(k)).findFirst();
      if (outside.isPresent()) {
        resp.setRegionError(RegionErrors.keyNotInRegion(outside.get(), checked.region()));
      } else {
        long ts = readTs(req.getVersion());
        ReadOptions options = options(req.getContext(), req.getVersion());
        for (ByteString key : req.getKeysList()) {
          ReadResult r = cluster.mvcc().get(key, ts, options);
          if (r instanceof ReadResult.Found f) {
            resp.addPairs(Kvrpcpb.KvPair.newBuilder().setKey(key).setValue(f.value()));
          } else if (r instanceof ReadResult.Locked l) {
            resp.addPairs(
                Kvrpcpb.KvPair.newBuilder().setKey(key).setError(locked(l.key(), l.lock())));
          }
        }
      }
    }
    out.onNext(resp.build());
    out.onCompleted();
  }

  @Override
  public void kvScan(Kvrpcpb.ScanRequest req, StreamObserver<Kvrpcpb.ScanResponse> out) {
    Kvrpcpb.ScanResponse.Builder resp = Kvrpcpb.ScanResponse.newBuilder();
    Checked checked = check(req.getContext());
    if (checked.error() != null) {
      resp.setRegionError(checked.error());
      out.onNext(resp.build());
      out.onCompleted();
      return;
    }
    Region region = checked.region();
    // Forward: [start_key, end_key); reverse: [end_key, start_key), read from the top down.
    ByteString lower = req.getReverse() ? req.getEndKey() : req.getStartKey();
    ByteString upper = req.getReverse() ? req.getStartKey() : req.getEndKey();
    if (!startInRegion(req.getStartKey(), req.getReverse(), region)) {
      resp.setRegionError(RegionErrors.keyNotInRegion(req.getStartKey(), region));
    } else {
      ByteString from = max(lower, region.start());
      ByteString to = min(upper, region.end());
      int limit = req.getLimit() == 0 ? Integer.MAX_VALUE : req.getLimit();
      List<ReadResult> results =
          cluster
              .mvcc()
              .scan(
                  from,
                  to,
                  readTs(req.getVersion()),
                  limit,
                  req.getReverse(),
                  options(req.getContext(), req.getVersion()));
      for (ReadResult r : results) {
        if (r instanceof ReadResult.Found f) {
          Kvrpcpb.KvPair.Builder pair = Kvrpcpb.KvPair.newBuilder().setKey(f.key());
          if (!req.getKeyOnly()) {
            pair.setValue(f.value());
          }
          resp.addPairs(pair);
        } else if (r instanceof ReadResult.Locked l) {
          resp.addPairs(Kvrpcpb.KvPair.newBuilder().setError(locked(l.key(), l.lock())));
        }
      }
    }
    out.onNext(resp.build());
    out.onCompleted();
  }

  /**
   * The scan's start must lie in the region: forward scans start at or after the region start,
   * reverse scans start (exclusive upper bound) above the region start and at most its end.
   */
  private static boolean startInRegion(ByteString start, boolean reverse, Region region) {
    if (!reverse) {
      return region.contains(start);
    }
    if (start.isEmpty()) {
      return region.end().isEmpty();
    }
    return Keys.ORDER.compare(start, region.start()) > 0
        && (region.end().isEmpty() || Keys.ORDER.compare(start, region.end()) <= 0);
  }

  private record Checked(Region region, Errorpb.Error error) {}

  private Checked check(Kvrpcpb.Context ctx) {
    if (faults.takeBusy(storeId)) {
      return new Checked(null, RegionErrors.serverIsBusy("injected fault: store is busy", 100));
    }
    RegionTable table = cluster.regions(); // one snapshot for the check and the read
    Optional<Errorpb.Error> err =
        RegionErrors.check(
            table, storeId, ctx.getPeer().getStoreId(), ctx.getRegionId(), ctx.getRegionEpoch());
    if (err.isPresent()) {
      return new Checked(null, err.get());
    }
    return new Checked(table.byId(ctx.getRegionId()).orElseThrow(), null);
  }

  /** Timestamps are unsigned: anything above Long.MAX_VALUE (e.g. u64::MAX) reads the latest. */
  private static long readTs(long version) {
    return version < 0 ? Long.MAX_VALUE : version;
  }

  private static ReadOptions options(Kvrpcpb.Context ctx, long version) {
    boolean maxTs = version < 0 || version == Long.MAX_VALUE;
    if (ctx.getResolvedLocksCount() == 0 && !maxTs) {
      return ReadOptions.DEFAULT;
    }
    return new ReadOptions(new HashSet<>(ctx.getResolvedLocksList()), maxTs);
  }

  static Kvrpcpb.KeyError locked(ByteString key, Lock lock) {
    return Kvrpcpb.KeyError.newBuilder()
        .setLocked(
            Kvrpcpb.LockInfo.newBuilder()
                .setPrimaryLock(lock.primary())
                .setLockVersion(lock.startTs())
                .setKey(key)
                .setLockTtl(lock.ttlMillis())
                .setTxnSize(lock.txnSize())
                .setLockType(lock.op() == LockOp.PUT ? Kvrpcpb.Op.Put : Kvrpcpb.Op.Del))
        .build();
  }

  private static ByteString max(ByteString a, ByteString b) {
    return Keys.ORDER.compare(a, b) >= 0 ? a : b;
  }

  /** The lower of two end keys, where empty means +infinity. */
  private static ByteString min(ByteString a, ByteString b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Keys.ORDER.compare(a, b) <= 0 ? a : b;
  }
}
