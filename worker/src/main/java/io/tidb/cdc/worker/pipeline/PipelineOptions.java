package io.tidb.cdc.worker.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a changefeed pipeline paces itself.
 *
 * @param tick how often the owner moves the barrier, requests flushes and computes the checkpoint
 * @param checkpointSaveInterval how often a moved checkpoint is saved (and told to the sink)
 * @param spillDirectory where the sorters spill; emptied at start
 * @param stopTimeout how long a clean stop waits for the last flush
 * @param gcServiceId the service id of the changefeed's GC safe point in PD
 */
public record PipelineOptions(
    Duration tick,
    Duration checkpointSaveInterval,
    Path spillDirectory,
    Duration stopTimeout,
    String gcServiceId) {
  public PipelineOptions {
    Objects.requireNonNull(gcServiceId, "gcServiceId");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(checkpointSaveInterval, "checkpointSaveInterval");
    Objects.requireNonNull(spillDirectory, "spillDirectory");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
  }

  /** A 100 ms tick, the checkpoint saved every second, 30 s to stop. */
  public static PipelineOptions defaults(Path spillDirectory, String gcServiceId) {
    return new PipelineOptions(
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        spillDirectory,
        Duration.ofSeconds(30),
        gcServiceId);
  }
}
