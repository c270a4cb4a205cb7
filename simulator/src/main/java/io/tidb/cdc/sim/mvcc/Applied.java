package io.tidb.cdc.sim.mvcc;

import com.google.protobuf.ByteString;

/** One change a Percolator step made to one key, as the CDC observer of a region sees it. */
public sealed interface Applied {
  ByteString key();

  /** Start ts of the transaction that made the change. */
  long startTs();

  /**
   * A lock was written; {@code state} is the key's state right after, so that observers can read
   * the old value without another lookup.
   */
  record Prewritten(ByteString key, Lock lock, KeyState state) implements Applied {
    @Override
    public long startTs() {
      return lock.startTs();
    }
  }

  /** A lock was replaced by a put or delete write record. */
  record Committed(ByteString key, Write write) implements Applied {
    @Override
    public long startTs() {
      return write.startTs();
    }
  }

  /** A rollback record was written (and the transaction's lock, if any, removed). */
  record RolledBack(ByteString key, Write write, boolean hadLock) implements Applied {
    @Override
    public long startTs() {
      return write.startTs();
    }
  }
}
