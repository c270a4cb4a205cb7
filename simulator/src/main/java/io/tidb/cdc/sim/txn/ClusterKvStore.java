package io.tidb.cdc.sim.txn;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.cluster.Cluster;
import io.tidb.cdc.sim.cluster.RegionUnavailableException;
import io.tidb.cdc.sim.mvcc.LockOp;
import io.tidb.cdc.sim.mvcc.Mutation;
import io.tidb.cdc.sim.mvcc.MvccException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link KvStore} over the simulated cluster: commits go through {@link Transaction} (prewrite by
 * region, primary first, then secondaries), so CDC observers see every write as TiKV would report
 * it.
 */
public final class ClusterKvStore implements KvStore {
  private final Cluster cluster;
  private final TxnClient client;

  public ClusterKvStore(Cluster cluster) {
    this.cluster = cluster;
    this.client = new TxnClient(cluster);
  }

  @Override
  public long timestamp() {
    return client.currentTs();
  }

  @Override
  public Optional<ByteString> get(ByteString key, long ts) {
    try {
      return client.snapshot(ts).get(key);
    } catch (MvccException e) {
      throw new TxnException("read failed: " + e.getMessage() + "; retry the statement", e);
    }
  }

  @Override
  public List<KvPair> scan(ByteString start, ByteString end, long ts, int limit) {
    try {
      List<KvPair> out = new ArrayList<>();
      for (Snapshot.KvPair p : client.snapshot(ts).scan(start, end, limit)) {
        out.add(new KvPair(p.key(), p.value()));
      }
      return out;
    } catch (MvccException e) {
      throw new TxnException("read failed: " + e.getMessage() + "; retry the statement", e);
    }
  }

  @Override
  public long commit(long startTs, List<Mutation> mutations) {
    Transaction t = new Transaction(cluster, startTs);
    for (Mutation m : mutations) {
      if (m.op() == LockOp.PUT) {
        t.put(m.key(), m.value());
      } else {
        t.delete(m.key());
      }
    }
    try {
      t.prewrite();
    } catch (MvccException | RegionUnavailableException e) {
      throw new TxnException("prewrite failed, nothing was written: " + e.getMessage(), e);
    }
    return t.commit();
  }
}
