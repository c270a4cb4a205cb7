package io.tidb.cdc.sim.txn;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.mvcc.Mutation;
import io.tidb.cdc.sim.mvcc.MvccException;
import io.tidb.cdc.sim.mvcc.MvccStore;
import io.tidb.cdc.sim.mvcc.ReadOptions;
import io.tidb.cdc.sim.mvcc.ReadResult;
import io.tidb.cdc.sim.mvcc.Tso;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link KvStore} over a single {@link MvccStore} and {@link Tso}: the SQL layer's store when no
 * cluster is around (unit tests, dumps of a store). Writes are serialised here, as the store
 * requires.
 */
public final class MvccKvStore implements KvStore {
  private static final long LOCK_TTL_MILLIS = 3_000;

  private final MvccStore store;
  private final Tso tso;

  public MvccKvStore(MvccStore store, Tso tso) {
    this.store = store;
    this.tso = tso;
  }

  /** A store with a fresh MVCC store and clock-based TSO. */
  public static MvccKvStore inMemory() {
    return new MvccKvStore(new MvccStore(), new Tso());
  }

  public MvccStore mvcc() {
    return store;
  }

  @Override
  public long timestamp() {
    return tso.next();
  }

  @Override
  public Optional<ByteString> get(ByteString key, long ts) {
    return found(store.get(key, ts, ReadOptions.DEFAULT));
  }

  @Override
  public List<KvPair> scan(ByteString start, ByteString end, long ts, int limit) {
    List<KvPair> out = new ArrayList<>();
    for (ReadResult r : store.scan(start, end, ts, limit, false, ReadOptions.DEFAULT)) {
      found(r).ifPresent(v -> out.add(new KvPair(r.key(), v)));
    }
    return out;
  }

  static Optional<ByteString> found(ReadResult r) {
    if (r instanceof ReadResult.Found f) {
      return Optional.of(f.value());
    }
    if (r instanceof ReadResult.Locked l) {
      throw new TxnException(
          "key is locked by transaction " + l.lock().startTs() + "; retry the statement");
    }
    return Optional.empty();
  }

  @Override
  public synchronized long commit(long startTs, List<Mutation> mutations) {
    if (mutations.isEmpty()) {
      throw new IllegalArgumentException("a commit needs at least one mutation");
    }
    ByteString primary = mutations.get(0).key();
    try {
      store.prewrite(mutations, primary, startTs, LOCK_TTL_MILLIS);
    } catch (MvccException e) {
      throw new TxnException("prewrite failed: " + e.getMessage(), e);
    }
    long commitTs = tso.next();
    store.commit(mutations.stream().map(Mutation::key).toList(), startTs, commitTs);
    return commitTs;
  }
}
