package io.tidb.cdc.worker.matcher;

import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.memory.MemoryQuota;
import java.util.Objects;

/**
 * What every {@link RegionMatcher} of a worker shares.
 *
 * @param quota budget for unmatched prewrite values across all regions
 * @param snapshotReader reads values of evicted prewrites at commit time
 * @param oldValueMode whether old values are read for evicted rows
 */
public record MatcherConfig(
    MemoryQuota quota, SnapshotReader snapshotReader, OldValueMode oldValueMode) {
  public MatcherConfig {
    Objects.requireNonNull(quota, "quota");
    Objects.requireNonNull(snapshotReader, "snapshotReader");
    Objects.requireNonNull(oldValueMode, "oldValueMode");
  }
}
