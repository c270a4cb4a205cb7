package io.tidb.cdc.worker.pipeline;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * Where a changefeed's checkpoint survives the process: a local file standalone, etcd under the
 * operator. A save must be atomic: after a crash the store holds the old or the new checkpoint.
 */
public interface PositionStore {
  /** The stored checkpoint, empty when the changefeed never saved one. */
  OptionalLong loadCheckpoint() throws IOException;

  void saveCheckpoint(long checkpointTs) throws IOException;
}
