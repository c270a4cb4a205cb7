package io.tidb.cdc.worker.puller.testing;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.mvcc.MvccException;
import io.tidb.cdc.sim.txn.Transaction;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.event.OpType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Writes transactions of one table's record keys into the simulator and records each committed
 * change (with its old value) in a {@link Truth}. Use one instance per writer thread on disjoint
 * handles, so old values are known.
 */
public final class Workload {
  private final Simulator sim;
  private final long tableId;
  private final Truth truth;
  private final Map<Long, Bytes> current = new HashMap<>();

  public Workload(Simulator sim, long tableId, Truth truth) {
    this.sim = sim;
    this.tableId = tableId;
    this.truth = truth;
  }

  public static Bytes key(long tableId, long handle) {
    return Bytes.copyOf(TableKeys.recordKey(tableId, handle));
  }

  /** The record keys of a table, as a raw span. */
  public static KeySpan tableSpan(long tableId) {
    var s = TableKeys.recordSpan(tableId);
    return KeySpan.of(Bytes.copyOf(s.start()), Bytes.copyOf(s.end()));
  }

  public static ByteString keyString(long tableId, long handle) {
    return ByteString.copyFrom(TableKeys.recordKey(tableId, handle));
  }

  /**
   * Commits one transaction: a value per handle, or empty for a delete.
   *
   * @return the commit ts, or empty when a conflict rolled it back
   */
  public Optional<Long> commit(Map<Long, Optional<String>> writes) {
    Transaction txn = sim.txn().begin();
    for (Map.Entry<Long, Optional<String>> w : writes.entrySet()) {
      ByteString k = keyString(tableId, w.getKey());
      if (w.getValue().isPresent()) {
        txn.put(k, ByteString.copyFromUtf8(w.getValue().get()));
      } else {
        txn.delete(k);
      }
    }
    long commitTs;
    try {
      commitTs = txn.commit();
    } catch (MvccException e) {
      return Optional.empty();
    }
    for (Map.Entry<Long, Optional<String>> w : writes.entrySet()) {
      Bytes value = w.getValue().map(v -> Bytes.copyOf(v.getBytes())).orElse(Bytes.EMPTY);
      Bytes old = current.getOrDefault(w.getKey(), Bytes.EMPTY);
      truth.add(
          new Truth.Change(
              key(tableId, w.getKey()),
              txn.startTs(),
              commitTs,
              w.getValue().isPresent() ? OpType.PUT : OpType.DELETE,
              value,
              old));
      if (w.getValue().isPresent()) {
        current.put(w.getKey(), value);
      } else {
        current.remove(w.getKey());
      }
    }
    return Optional.of(commitTs);
  }

  /** A random transaction of 1..maxRows rows over handles {@code [from, to)}, 1 in 8 a delete. */
  public Optional<Long> randomTxn(Random rnd, long from, long to, int maxRows) {
    Map<Long, Optional<String>> writes = new LinkedHashMap<>();
    int rows = 1 + rnd.nextInt(maxRows);
    for (int i = 0; i < rows; i++) {
      long h = from + rnd.nextLong(to - from);
      writes.put(
          h,
          rnd.nextInt(8) == 0
              ? Optional.empty()
              : Optional.of("v" + h + "-" + rnd.nextInt(1_000_000)));
    }
    return commit(writes);
  }

  /** Prewrites and rolls back a transaction: nothing of it may be delivered. */
  public void rolledBack(long handle) {
    Transaction txn = sim.txn().begin();
    txn.put(keyString(tableId, handle), ByteString.copyFromUtf8("never"));
    txn.prewrite();
    txn.rollback();
  }
}
