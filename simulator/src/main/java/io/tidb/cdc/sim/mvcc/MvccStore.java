package io.tidb.cdc.sim.mvcc;

import com.google.protobuf.ByteString;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An in-memory Percolator store with TiKV's three column families folded into one immutable {@link
 * KeyState} per key. Reads need no lock: every change swaps a key's state as a whole. Writes
 * (prewrite, commit, rollback) must be serialised by the caller (the cluster does, so that CDC
 * observers see one order); each write validates all keys before it changes any.
 */
public final class MvccStore {
  /**
   * A key's slot. Writers find the cell once and then only swap its state; point lookups go through
   * a hash index, so only a new key pays for a search of the ordered map.
   */
  private static final class Cell {
    volatile KeyState state = KeyState.EMPTY;
  }

  private final ConcurrentSkipListMap<ByteString, Cell> keys =
      new ConcurrentSkipListMap<>(Keys.ORDER);

  private final ConcurrentHashMap<ByteString, Cell> index = new ConcurrentHashMap<>();

  /**
   * The locked keys alone, so that resolved ts can find the oldest lock of a range quickly. Like
   * writes, it is only touched by the serialised writers (and read under the same serialisation).
   */
  private final TreeMap<ByteString, Lock> locks = new TreeMap<>(Keys.ORDER);

  /**
   * Writes a lock for every mutation.
   *
   * @throws MvccException.KeyLocked if another transaction holds a lock on one of the keys
   * @throws MvccException.WriteConflict if a key was committed after {@code startTs}
   * @throws MvccException.TxnAborted if this transaction was already rolled back on a key
   */
  public List<Applied.Prewritten> prewrite(
      List<Mutation> mutations, ByteString primary, long startTs, long ttlMillis) {
    List<Mutation> todo = new ArrayList<>(mutations.size());
    List<Cell> cells = new ArrayList<>(mutations.size());
    for (Mutation m : mutations) {
      // An empty cell left behind by a refused prewrite reads as an absent key.
      Cell cell = cellFor(m.key());
      KeyState state = cell.state;
      Lock lock = state.lock();
      if (lock != null) {
        if (lock.startTs() != startTs) {
          throw new MvccException.KeyLocked(m.key(), lock);
        }
        continue; // a retried prewrite: the lock is already ours
      }
      Write own = state.byStartTs(startTs);
      if (own != null) {
        if (own.type() == WriteType.ROLLBACK) {
          throw new MvccException.TxnAborted(
              m.key(), "transaction " + startTs + " was rolled back on " + Keys.describe(m.key()));
        }
        continue; // already committed: a late duplicate prewrite changes nothing
      }
      Write newest = state.newestDataChange();
      if (newest != null && newest.commitTs() > startTs) {
        throw new MvccException.WriteConflict(
            m.key(), startTs, newest.startTs(), newest.commitTs());
      }
      todo.add(m);
      cells.add(cell);
    }
    List<Applied.Prewritten> applied = new ArrayList<>(todo.size());
    long txnSize = mutations.size();
    for (int i = 0; i < todo.size(); i++) {
      Mutation m = todo.get(i);
      Lock lock = new Lock(primary, startTs, ttlMillis, m.op(), m.value(), txnSize);
      Cell cell = cells.get(i);
      // Writers are serialised, so the state read above is still current.
      KeyState next = cell.state.withLock(lock);
      cell.state = next;
      locks.put(m.key(), lock);
      applied.add(new Applied.Prewritten(m.key(), lock, next));
    }
    return applied;
  }

  /**
   * Turns the transaction's locks on {@code keys} into write records at {@code commitTs}. Keys
   * already committed by this transaction are skipped (a retried commit).
   *
   * @throws MvccException.TxnAborted if a lock is missing and the key was not committed by it
   */
  public List<Applied.Committed> commit(
      Collection<ByteString> keysToCommit, long startTs, long commitTs) {
    if (commitTs <= startTs) {
      throw new IllegalArgumentException(
          "commit ts " + commitTs + " must be greater than start ts " + startTs);
    }
    List<ByteString> todo = new ArrayList<>(keysToCommit.size());
    List<Cell> cells = new ArrayList<>(keysToCommit.size());
    for (ByteString key : keysToCommit) {
      Cell cell = index.get(key);
      KeyState state = cell == null ? KeyState.EMPTY : cell.state;
      Lock lock = state.lock();
      if (lock != null && lock.startTs() == startTs) {
        todo.add(key);
        cells.add(cell);
        continue;
      }
      Write own = state.byStartTs(startTs);
      if (own != null && own.type() != WriteType.ROLLBACK) {
        continue;
      }
      throw new MvccException.TxnAborted(
          key,
          "transaction "
              + startTs
              + " holds no lock on "
              + Keys.describe(key)
              + (own == null ? " (never prewritten or lock lost)" : " (rolled back)"));
    }
    List<Applied.Committed> applied = new ArrayList<>(todo.size());
    for (int i = 0; i < todo.size(); i++) {
      ByteString key = todo.get(i);
      Cell cell = cells.get(i);
      Lock lock = cell.state.lock();
      WriteType type = lock.op() == LockOp.PUT ? WriteType.PUT : WriteType.DELETE;
      Write write = new Write(startTs, commitTs, type, lock.value());
      cell.state = cell.state.withWriteUnlocked(write);
      locks.remove(key);
      applied.add(new Applied.Committed(key, write));
    }
    return applied;
  }

  /**
   * Rolls the transaction back on {@code keys}: removes its locks and writes rollback records so
   * that a late prewrite cannot succeed. Keys already rolled back are skipped.
   *
   * @throws MvccException.AlreadyCommitted if the transaction committed one of the keys
   */
  public List<Applied.RolledBack> rollback(Collection<ByteString> keysToRollBack, long startTs) {
    List<ByteString> todo = new ArrayList<>(keysToRollBack.size());
    for (ByteString key : keysToRollBack) {
      KeyState state = stateOf(key);
      Write own = state.byStartTs(startTs);
      if (own != null) {
        if (own.type() != WriteType.ROLLBACK) {
          throw new MvccException.AlreadyCommitted(key, startTs, own.commitTs());
        }
        continue;
      }
      todo.add(key);
    }
    List<Applied.RolledBack> applied = new ArrayList<>(todo.size());
    for (ByteString key : todo) {
      Cell cell = cellFor(key);
      KeyState state = cell.state;
      Lock lock = state.lock();
      boolean ours = lock != null && lock.startTs() == startTs;
      Write rollback = new Write(startTs, startTs, WriteType.ROLLBACK, ByteString.EMPTY);
      KeyState next = state.withWriteUnlocked(rollback);
      if (!ours && lock != null) {
        next = next.withLock(lock); // another transaction's lock stays
      }
      cell.state = next;
      if (ours) {
        locks.remove(key);
      }
      applied.add(new Applied.RolledBack(key, rollback, ours));
    }
    return applied;
  }

  /** Reads {@code key} at {@code ts}, ignoring locks of the transactions in {@code bypass}. */
  public ReadResult get(ByteString key, long ts, ReadOptions options) {
    return read(key, stateOf(key), ts, options);
  }

  /**
   * Reads up to {@code limit} keys of {@code [start, end)} at {@code ts} in key order (or in
   * reverse order from just below {@code end} when {@code reverse}). A blocking lock yields a
   * {@link ReadResult.Locked} entry in place of the key and counts towards the limit, as TiKV's
   * scanner reports it.
   */
  public List<ReadResult> scan(
      ByteString start, ByteString end, long ts, int limit, boolean reverse, ReadOptions options) {
    NavigableMap<ByteString, Cell> range = range(start, end);
    if (reverse) {
      range = range.descendingMap();
    }
    List<ReadResult> out = new ArrayList<>(Math.min(limit, 1024));
    for (Map.Entry<ByteString, Cell> e : range.entrySet()) {
      if (out.size() >= limit) {
        break;
      }
      ReadResult r = read(e.getKey(), e.getValue().state, ts, options);
      if (!(r instanceof ReadResult.NotFound)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * A point-in-time copy of the states of the keys in {@code [start, end)}. Consistent only while
   * writes are held off, which the cluster guarantees when it calls this.
   */
  public List<Map.Entry<ByteString, KeyState>> snapshot(ByteString start, ByteString end) {
    List<Map.Entry<ByteString, KeyState>> out = new ArrayList<>();
    for (Map.Entry<ByteString, Cell> e : range(start, end).entrySet()) {
      KeyState state = e.getValue().state;
      if (!state.isEmpty()) {
        out.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), state));
      }
    }
    return out;
  }

  /** The smallest start ts among the locks in {@code [start, end)}, or {@code Long.MAX_VALUE}. */
  public long minLockStartTs(ByteString start, ByteString end) {
    long min = Long.MAX_VALUE;
    NavigableMap<ByteString, Lock> range =
        end.isEmpty() ? locks.tailMap(start, true) : locks.subMap(start, true, end, false);
    for (Lock l : range.values()) {
      min = Math.min(min, l.startTs());
    }
    return min;
  }

  /**
   * The value the key had just before transaction {@code startTs} wrote it: the newest put
   * committed at or before {@code startTs}, or null when the key did not exist then.
   */
  public ByteString oldValue(ByteString key, long startTs) {
    return oldValue(stateOf(key), startTs);
  }

  /** Same as {@link #oldValue(ByteString, long)} on a state already at hand. */
  public static ByteString oldValue(KeyState state, long startTs) {
    Write w = state.visibleAt(startTs);
    return w != null && w.type() == WriteType.PUT ? w.value() : null;
  }

  /** The current state of a key (for tests and diagnostics), or null. */
  public KeyState state(ByteString key) {
    KeyState state = stateOf(key);
    return state.isEmpty() ? null : state;
  }

  /** Number of keys with a lock. */
  public int lockCount() {
    return locks.size();
  }

  private KeyState stateOf(ByteString key) {
    Cell cell = index.get(key);
    return cell == null ? KeyState.EMPTY : cell.state;
  }

  /** The key's cell, created empty if missing (writers are serialised: no race on creation). */
  private Cell cellFor(ByteString key) {
    Cell cell = index.get(key);
    if (cell == null) {
      cell = new Cell();
      keys.put(key, cell);
      index.put(key, cell);
    }
    return cell;
  }

  private NavigableMap<ByteString, Cell> range(ByteString start, ByteString end) {
    return end.isEmpty() ? keys.tailMap(start, true) : keys.subMap(start, true, end, false);
  }

  private static ReadResult read(ByteString key, KeyState state, long ts, ReadOptions options) {
    Lock lock = state.lock();
    if (lock != null && lock.startTs() <= ts && !options.ignores(key, lock)) {
      return new ReadResult.Locked(key, lock);
    }
    Write w = state.visibleAt(ts);
    if (w == null || w.type() != WriteType.PUT) {
      return new ReadResult.NotFound(key);
    }
    return new ReadResult.Found(key, w.value());
  }
}
