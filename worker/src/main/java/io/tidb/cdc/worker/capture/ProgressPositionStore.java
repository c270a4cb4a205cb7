package io.tidb.cdc.worker.capture;

import io.tidb.cdc.worker.pipeline.PositionStore;
import java.util.OptionalLong;

/**
 * The maintainer's resume point in capture mode: the checkpoint of {@code progress} when it
 * started. Saving is a no-op: the maintainer's progress writes carry the checkpoint.
 */
final class ProgressPositionStore implements PositionStore {
  private final OptionalLong stored;

  ProgressPositionStore(OptionalLong stored) {
    this.stored = stored;
  }

  @Override
  public OptionalLong loadCheckpoint() {
    return stored;
  }

  @Override
  public void saveCheckpoint(long checkpointTs) {
    // progress carries it
  }
}
