package io.tidb.cdc.sim.txn;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.mvcc.Keys;
import io.tidb.cdc.sim.mvcc.Mutation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An optimistic transaction: reads see the snapshot at its start ts overlaid with its own buffered
 * writes; {@link #commit()} sends the buffer to the store in one Percolator commit. Nothing reaches
 * the store before that, so dropping a {@code Txn} rolls it back. Not thread-safe.
 */
public final class Txn {
  /** Marks a buffered delete (a put never has this exact instance as value). */
  private static final ByteString DELETED = ByteString.copyFromUtf8("\u0000deleted");

  private final KvStore store;
  private final long startTs;
  private final TreeMap<ByteString, ByteString> buffer = new TreeMap<>(Keys.ORDER);

  public Txn(KvStore store, long startTs) {
    this.store = store;
    this.startTs = startTs;
  }

  /** Starts a transaction at a fresh timestamp. */
  public static Txn begin(KvStore store) {
    return new Txn(store, store.timestamp());
  }

  public long startTs() {
    return startTs;
  }

  public KvStore store() {
    return store;
  }

  public Optional<ByteString> get(ByteString key) {
    ByteString buffered = buffer.get(key);
    if (buffered != null) {
      return buffered == DELETED ? Optional.empty() : Optional.of(buffered);
    }
    return store.get(key, startTs);
  }

  public Optional<byte[]> get(byte[] key) {
    return get(ByteString.copyFrom(key)).map(ByteString::toByteArray);
  }

  /** All pairs of {@code [start, end)} (empty end: unbounded), own writes included. */
  public List<KvStore.KvPair> scan(ByteString start, ByteString end) {
    NavigableMap<ByteString, ByteString> own =
        end.isEmpty() ? buffer.tailMap(start, true) : buffer.subMap(start, true, end, false);
    List<KvStore.KvPair> snapshot = store.scan(start, end, startTs, Integer.MAX_VALUE);
    List<KvStore.KvPair> out = new ArrayList<>(snapshot.size() + own.size());
    Iterator<Map.Entry<ByteString, ByteString>> mine = own.entrySet().iterator();
    Map.Entry<ByteString, ByteString> next = mine.hasNext() ? mine.next() : null;
    for (KvStore.KvPair p : snapshot) {
      while (next != null && Keys.ORDER.compare(next.getKey(), p.key()) < 0) {
        addOwn(out, next);
        next = mine.hasNext() ? mine.next() : null;
      }
      if (next != null && next.getKey().equals(p.key())) {
        addOwn(out, next);
        next = mine.hasNext() ? mine.next() : null;
      } else {
        out.add(p);
      }
    }
    while (next != null) {
      addOwn(out, next);
      next = mine.hasNext() ? mine.next() : null;
    }
    return out;
  }

  private static void addOwn(List<KvStore.KvPair> out, Map.Entry<ByteString, ByteString> e) {
    if (e.getValue() != DELETED) {
      out.add(new KvStore.KvPair(e.getKey(), e.getValue()));
    }
  }

  public void put(ByteString key, ByteString value) {
    buffer.put(key, value);
  }

  public void put(byte[] key, byte[] value) {
    put(ByteString.copyFrom(key), ByteString.copyFrom(value));
  }

  public void delete(ByteString key) {
    buffer.put(key, DELETED);
  }

  public void delete(byte[] key) {
    delete(ByteString.copyFrom(key));
  }

  /** Number of buffered writes. */
  public int size() {
    return buffer.size();
  }

  public boolean isEmpty() {
    return buffer.isEmpty();
  }

  /** The buffered writes as mutations, in key order. */
  public List<Mutation> mutations() {
    List<Mutation> out = new ArrayList<>(buffer.size());
    for (Map.Entry<ByteString, ByteString> e : buffer.entrySet()) {
      out.add(
          e.getValue() == DELETED
              ? Mutation.delete(e.getKey())
              : Mutation.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  /**
   * Commits the buffered writes.
   *
   * @return the commit ts, or empty when the transaction wrote nothing
   */
  public Optional<Long> commit() {
    if (buffer.isEmpty()) {
      return Optional.empty();
    }
    long commitTs = store.commit(startTs, mutations());
    buffer.clear();
    return Optional.of(commitTs);
  }
}
