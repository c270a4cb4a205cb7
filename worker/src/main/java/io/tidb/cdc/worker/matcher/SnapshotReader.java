package io.tidb.cdc.worker.matcher;

import io.tidb.cdc.worker.event.Bytes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot point read from TiKV, implemented by the puller. The matcher uses it for rows of a
 * transaction whose prewrite values it evicted to stay within its memory quota.
 */
@FunctionalInterface
public interface SnapshotReader {
  /**
   * The value of {@code key} in a snapshot at {@code ts}: the latest version committed at or before
   * {@code ts}, or empty when there is none or it is a delete.
   *
   * @throws SnapshotReadException when the read fails (the caller treats the region as broken)
   */
  Optional<Bytes> read(Bytes key, long ts) throws SnapshotReadException;

  /**
   * The values of {@code keys} in one snapshot at {@code ts}; a key with no value (none, or a
   * delete) is absent from the map. One call per evicted batch of a transaction's commits, so a
   * reader over the network can answer many keys per round trip; this default reads one by one.
   *
   * @throws SnapshotReadException when a read fails
   */
  default Map<Bytes, Bytes> readAll(List<Bytes> keys, long ts) throws SnapshotReadException {
    Map<Bytes, Bytes> out = new HashMap<>();
    for (Bytes k : keys) {
      Optional<Bytes> v = read(k, ts);
      if (v.isPresent()) {
        out.put(k, v.get());
      }
    }
    return out;
  }
}
