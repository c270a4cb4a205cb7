package io.tidb.cdc.worker.matcher;

import io.tidb.cdc.worker.event.Bytes;
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
}
