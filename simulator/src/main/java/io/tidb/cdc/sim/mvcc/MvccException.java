package io.tidb.cdc.sim.mvcc;

import com.google.protobuf.ByteString;

/** A Percolator rule refused an operation; the store is unchanged. */
public class MvccException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ByteString key;

  MvccException(String message, ByteString key) {
    super(message);
    this.key = key;
  }

  /** The key the operation failed on. */
  public ByteString key() {
    return key;
  }

  /** The key is locked by another transaction (TiKV {@code KeyIsLocked}). */
  public static final class KeyLocked extends MvccException {
    private static final long serialVersionUID = 1L;
    private final transient Lock lock;

    public KeyLocked(ByteString key, Lock lock) {
      super(
          "key "
              + Keys.describe(key)
              + " is locked by transaction "
              + lock.startTs()
              + " (primary "
              + Keys.describe(lock.primary())
              + ")",
          key);
      this.lock = lock;
    }

    public Lock lock() {
      return lock;
    }
  }

  /** A newer version of the key was committed after the transaction started. */
  public static final class WriteConflict extends MvccException {
    private static final long serialVersionUID = 1L;
    private final long startTs;
    private final long conflictStartTs;
    private final long conflictCommitTs;

    public WriteConflict(
        ByteString key, long startTs, long conflictStartTs, long conflictCommitTs) {
      super(
          "write conflict on key "
              + Keys.describe(key)
              + ": transaction "
              + startTs
              + " started before commit "
              + conflictCommitTs
              + " of transaction "
              + conflictStartTs,
          key);
      this.startTs = startTs;
      this.conflictStartTs = conflictStartTs;
      this.conflictCommitTs = conflictCommitTs;
    }

    public long startTs() {
      return startTs;
    }

    public long conflictStartTs() {
      return conflictStartTs;
    }

    public long conflictCommitTs() {
      return conflictCommitTs;
    }
  }

  /** The transaction was rolled back (or its lock never existed) and cannot commit. */
  public static final class TxnAborted extends MvccException {
    private static final long serialVersionUID = 1L;

    public TxnAborted(ByteString key, String why) {
      super(why, key);
    }
  }

  /** A rollback was asked for a transaction that already committed the key. */
  public static final class AlreadyCommitted extends MvccException {
    private static final long serialVersionUID = 1L;
    private final long commitTs;

    public AlreadyCommitted(ByteString key, long startTs, long commitTs) {
      super(
          "transaction "
              + startTs
              + " already committed key "
              + Keys.describe(key)
              + " at "
              + commitTs,
          key);
      this.commitTs = commitTs;
    }

    public long commitTs() {
      return commitTs;
    }
  }
}
