package io.tidb.cdc.sim.txn;

import io.tidb.cdc.sim.cluster.Cluster;

/**
 * The Java API for writing to and reading from the simulated cluster as a TiDB server would:
 * Percolator transactions with start and commit ts from the simulated TSO, and snapshot reads.
 * Thread-safe; transactions themselves are used by one thread at a time.
 */
public final class TxnClient {
  /** Keys per prewrite or commit batch, as a TiDB client cuts a large transaction. */
  static final int BATCH_KEYS = 1024;

  static final long LOCK_TTL_MILLIS = 3000;

  private final Cluster cluster;

  public TxnClient(Cluster cluster) {
    this.cluster = cluster;
  }

  /** Starts a transaction with a fresh start ts. */
  public Transaction begin() {
    return new Transaction(cluster, cluster.tso().next());
  }

  /** A fresh timestamp from the TSO. */
  public long currentTs() {
    return cluster.tso().next();
  }

  /** A snapshot at a fresh timestamp. */
  public Snapshot snapshot() {
    return snapshot(currentTs());
  }

  /** A snapshot at {@code ts}. */
  public Snapshot snapshot(long ts) {
    return new Snapshot(cluster.mvcc(), ts);
  }
}
