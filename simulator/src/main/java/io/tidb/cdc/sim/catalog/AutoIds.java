package io.tidb.cdc.sim.catalog;

import io.tidb.cdc.sim.txn.KvStore;
import io.tidb.cdc.sim.txn.Txn;
import java.util.HashMap;
import java.util.Map;

/**
 * TiDB's row-ID allocator ({@code autoid.allocator}): {@code _tidb_rowid} values and AUTO_INCREMENT
 * values come from one counter per table, {@code TID:{tableID}} in the database's meta hash. A node
 * reserves a batch of {@value #STEP} IDs with its own small transaction and hands them out from
 * memory, so consecutive inserts get 1, 2, 3... and the meta key moves once per batch. An explicit
 * larger value rebases the counter. Thread-safe.
 */
public final class AutoIds {
  /** TiDB's default {@code autoid} step. */
  public static final long STEP = 30_000;

  private final KvStore store;
  private final Map<Long, long[]> ranges = new HashMap<>();

  public AutoIds(KvStore store) {
    this.store = store;
  }

  /** The next ID of {@code tableId} (in database {@code dbId}). */
  public synchronized long next(long dbId, long tableId) {
    long[] r = ranges.get(tableId);
    if (r == null || r[0] >= r[1]) {
      r = reserve(dbId, tableId, 0);
      ranges.put(tableId, r);
    }
    return ++r[0];
  }

  /** Makes sure later IDs are above {@code used} (an explicitly inserted value). */
  public synchronized void rebase(long dbId, long tableId, long used) {
    long[] r = ranges.get(tableId);
    if (r != null && used <= r[0]) {
      return;
    }
    if (r != null && used < r[1]) {
      r[0] = used;
      return;
    }
    ranges.put(tableId, reserve(dbId, tableId, used));
  }

  /** Forgets the cached batch (after TRUNCATE or DROP the table ID is gone). */
  public synchronized void forget(long tableId) {
    ranges.remove(tableId);
  }

  /** Reserves {@code (base, end]} in meta; {@code atLeast} raises the base. */
  private long[] reserve(long dbId, long tableId, long atLeast) {
    Txn txn = Txn.begin(store);
    Meta meta = new Meta(txn);
    long base = Math.max(meta.autoTableId(dbId, tableId), atLeast);
    long end = base + STEP;
    meta.setAutoTableId(dbId, tableId, end);
    txn.commit();
    return new long[] {base, end};
  }
}
