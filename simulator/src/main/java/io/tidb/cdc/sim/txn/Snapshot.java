package io.tidb.cdc.sim.txn;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.mvcc.MvccException;
import io.tidb.cdc.sim.mvcc.MvccStore;
import io.tidb.cdc.sim.mvcc.ReadOptions;
import io.tidb.cdc.sim.mvcc.ReadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A consistent read view at one ts. Reads blocked by a lock throw {@link MvccException.KeyLocked}.
 */
public final class Snapshot {
  private final MvccStore mvcc;
  private final long ts;

  Snapshot(MvccStore mvcc, long ts) {
    this.mvcc = mvcc;
    this.ts = ts;
  }

  public long ts() {
    return ts;
  }

  /** The value of {@code key} at this snapshot. */
  public Optional<ByteString> get(ByteString key) {
    ReadResult r = mvcc.get(key, ts, ReadOptions.DEFAULT);
    if (r instanceof ReadResult.Locked l) {
      throw new MvccException.KeyLocked(l.key(), l.lock());
    }
    return r instanceof ReadResult.Found f ? Optional.of(f.value()) : Optional.empty();
  }

  /** A key and its value. */
  public record KvPair(ByteString key, ByteString value) {}

  /**
   * Up to {@code limit} pairs of {@code [start, end)} (empty end: unbounded) in key order.
   *
   * @throws MvccException.KeyLocked at the first locked key
   */
  public List<KvPair> scan(ByteString start, ByteString end, int limit) {
    List<KvPair> out = new ArrayList<>();
    for (ReadResult r : mvcc.scan(start, end, ts, limit, false, ReadOptions.DEFAULT)) {
      if (r instanceof ReadResult.Locked l) {
        throw new MvccException.KeyLocked(l.key(), l.lock());
      }
      if (r instanceof ReadResult.Found f) {
        out.add(new KvPair(f.key(), f.value()));
      }
    }
    return out;
  }
}
