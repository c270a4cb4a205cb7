package io.tidb.cdc.sim.txn;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.mvcc.Mutation;
import java.util.List;
import java.util.Optional;

/**
 * The transactional key-value store the SQL layer writes through: a timestamp oracle, snapshot
 * reads of raw keys, and Percolator commits. Implementations: {@link MvccKvStore} over one MVCC
 * store, or the simulated cluster (regions, stores, CDC observers).
 */
public interface KvStore {

  /** A fresh timestamp from the oracle (start ts of a transaction or a read). */
  long timestamp();

  /** The value of {@code key} at snapshot {@code ts}. */
  Optional<ByteString> get(ByteString key, long ts);

  /** Up to {@code limit} pairs of {@code [start, end)} at {@code ts}, in key order. */
  List<KvPair> scan(ByteString start, ByteString end, long ts, int limit);

  /**
   * Prewrites {@code mutations} (the first key is the primary) at {@code startTs}, then commits
   * them at a fresh timestamp.
   *
   * @return the commit ts
   * @throws TxnException if a key was written after {@code startTs} or is locked; then nothing was
   *     written
   */
  long commit(long startTs, List<Mutation> mutations);

  /** A key and its value. */
  record KvPair(ByteString key, ByteString value) {}
}
