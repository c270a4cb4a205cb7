package io.tidb.cdc.sim.mvcc;

import java.util.Arrays;

/**
 * Everything stored for one key: its lock (or null) and its write records, newest commit first.
 * Instances are immutable and replaced as a whole on every change, so a reader that got one sees a
 * consistent picture of the key without taking any lock.
 */
public final class KeyState {
  static final KeyState EMPTY = new KeyState(null, new Write[0]);

  private final Lock lock;
  private final Write[] writes;

  private KeyState(Lock lock, Write[] writes) {
    this.lock = lock;
    this.writes = writes;
  }

  /** The lock on this key, or null. */
  public Lock lock() {
    return lock;
  }

  public int writeCount() {
    return writes.length;
  }

  /** The i-th write record, newest commit first. */
  public Write write(int i) {
    return writes[i];
  }

  boolean isEmpty() {
    return lock == null && writes.length == 0;
  }

  KeyState withLock(Lock newLock) {
    return new KeyState(newLock, writes);
  }

  /** Adds a write record (keeping commit-ts order) and drops the lock. */
  KeyState withWriteUnlocked(Write write) {
    int pos = 0;
    while (pos < writes.length && writes[pos].commitTs() > write.commitTs()) {
      pos++;
    }
    Write[] next = new Write[writes.length + 1];
    System.arraycopy(writes, 0, next, 0, pos);
    next[pos] = write;
    System.arraycopy(writes, pos, next, pos + 1, writes.length - pos);
    return new KeyState(null, next);
  }

  /** The newest put or delete committed at or before {@code ts}, or null. */
  public Write visibleAt(long ts) {
    for (Write w : writes) {
      if (w.commitTs() <= ts && w.isDataChange()) {
        return w;
      }
    }
    return null;
  }

  /** The newest put or delete of any age, or null. */
  Write newestDataChange() {
    for (Write w : writes) {
      if (w.isDataChange()) {
        return w;
      }
    }
    return null;
  }

  /** The write record left by transaction {@code startTs} (commit or rollback), or null. */
  public Write byStartTs(long startTs) {
    for (Write w : writes) {
      if (w.startTs() == startTs) {
        return w;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "KeyState{lock=" + lock + ", writes=" + Arrays.toString(writes) + "}";
  }
}
