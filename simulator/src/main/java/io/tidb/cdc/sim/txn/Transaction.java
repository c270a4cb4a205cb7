package io.tidb.cdc.sim.txn;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.cluster.Cluster;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.cluster.RegionTable;
import io.tidb.cdc.sim.mvcc.Mutation;
import io.tidb.cdc.sim.mvcc.MvccException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Percolator transaction driven the way a TiDB client drives it: buffer mutations, prewrite them
 * region by region in batches (the first key is the primary), take a commit ts from the TSO, commit
 * the primary, then the secondaries. The steps can be called one by one to hold locks open,
 * interleave transactions or leave secondaries uncommitted for a while.
 */
public final class Transaction {
  /** Where the transaction is in its life. */
  public enum State {
    OPEN,
    PREWRITTEN,
    PRIMARY_COMMITTED,
    COMMITTED,
    ROLLED_BACK
  }

  private final Cluster cluster;
  private final long startTs;
  private final Map<ByteString, Mutation> mutations = new LinkedHashMap<>();
  private final List<ByteString> prewritten = new ArrayList<>();
  private State state = State.OPEN;
  private long commitTs;

  Transaction(Cluster cluster, long startTs) {
    this.cluster = cluster;
    this.startTs = startTs;
  }

  public long startTs() {
    return startTs;
  }

  /** The commit ts, once the primary committed (0 before). */
  public long commitTs() {
    return commitTs;
  }

  public State state() {
    return state;
  }

  public int size() {
    return mutations.size();
  }

  /** Buffers a put (replacing an earlier mutation of the same key). */
  public Transaction put(ByteString key, ByteString value) {
    return add(Mutation.put(key, value));
  }

  /** Buffers a delete (replacing an earlier mutation of the same key). */
  public Transaction delete(ByteString key) {
    return add(Mutation.delete(key));
  }

  private Transaction add(Mutation m) {
    expect(State.OPEN, "add a mutation");
    mutations.put(m.key(), m);
    return this;
  }

  /**
   * Prewrites every mutation. On a conflict the keys already locked are rolled back and the
   * transaction ends ROLLED_BACK.
   *
   * @throws MvccException on a lock or write conflict
   */
  public void prewrite() {
    expect(State.OPEN, "prewrite");
    if (mutations.isEmpty()) {
      throw new IllegalStateException("transaction " + startTs + " has no mutations");
    }
    ByteString primary = mutations.keySet().iterator().next();
    try {
      for (List<ByteString> batch : batches(List.copyOf(mutations.keySet()))) {
        List<Mutation> ms = batch.stream().map(mutations::get).toList();
        cluster.prewrite(ms, primary, startTs, TxnClient.LOCK_TTL_MILLIS);
        prewritten.addAll(batch);
      }
    } catch (RuntimeException e) {
      if (!prewritten.isEmpty()) {
        cluster.rollback(prewritten, startTs);
      }
      state = State.ROLLED_BACK;
      throw e;
    }
    state = State.PREWRITTEN;
  }

  /** Takes a commit ts and commits the primary key: from here on the transaction is committed. */
  public long commitPrimary() {
    if (state == State.OPEN) {
      prewrite();
    }
    expect(State.PREWRITTEN, "commit the primary");
    long ts = cluster.tso().next();
    cluster.commit(List.of(prewritten.get(0)), startTs, ts);
    commitTs = ts;
    state = State.PRIMARY_COMMITTED;
    return ts;
  }

  /** Commits the secondary keys (may be called again if it failed half way). */
  public void commitSecondaries() {
    expect(State.PRIMARY_COMMITTED, "commit the secondaries");
    List<ByteString> secondaries = prewritten.subList(1, prewritten.size());
    for (List<ByteString> batch : batches(secondaries)) {
      cluster.commit(batch, startTs, commitTs);
    }
    state = State.COMMITTED;
  }

  /** Prewrites if needed, then commits everything; returns the commit ts. */
  public long commit() {
    commitPrimary();
    commitSecondaries();
    return commitTs;
  }

  /** Rolls back a transaction that has not committed its primary. */
  public void rollback() {
    if (state == State.OPEN) {
      state = State.ROLLED_BACK;
      return;
    }
    expect(State.PREWRITTEN, "roll back");
    for (List<ByteString> batch : batches(prewritten)) {
      cluster.rollback(batch, startTs);
    }
    state = State.ROLLED_BACK;
  }

  /** Groups keys by their current region, in batches of at most {@link TxnClient#BATCH_KEYS}. */
  private List<List<ByteString>> batches(List<ByteString> keys) {
    RegionTable table = cluster.regions();
    Map<Long, List<ByteString>> byRegion = new LinkedHashMap<>();
    Region last = null;
    for (ByteString k : keys) {
      if (last == null || !last.contains(k)) {
        last = table.locate(k);
      }
      byRegion.computeIfAbsent(last.id(), id -> new ArrayList<>()).add(k);
    }
    List<List<ByteString>> out = new ArrayList<>();
    for (List<ByteString> ks : byRegion.values()) {
      for (int i = 0; i < ks.size(); i += TxnClient.BATCH_KEYS) {
        out.add(ks.subList(i, Math.min(ks.size(), i + TxnClient.BATCH_KEYS)));
      }
    }
    return out;
  }

  private void expect(State expected, String action) {
    if (state != expected) {
      throw new IllegalStateException(
          "cannot " + action + ": transaction " + startTs + " is " + state);
    }
  }
}
