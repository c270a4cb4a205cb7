package io.tidb.cdc.sim.mvcc;

import com.google.protobuf.ByteString;
import java.util.Set;

/**
 * How a snapshot read treats locks.
 *
 * @param resolvedLocks start ts of transactions whose locks the reader may ignore (TiKV {@code
 *     Context.resolved_locks}: rolled back, or committed after the read ts)
 * @param maxTs true when the read is at the maximum ts, where TiKV ignores a transaction's lock on
 *     its own primary key
 */
public record ReadOptions(Set<Long> resolvedLocks, boolean maxTs) {
  public static final ReadOptions DEFAULT = new ReadOptions(Set.of(), false);

  public ReadOptions {
    resolvedLocks = Set.copyOf(resolvedLocks);
  }

  boolean ignores(ByteString key, Lock lock) {
    return resolvedLocks.contains(lock.startTs()) || (maxTs && lock.primary().equals(key));
  }
}
