package io.tidb.cdc.worker.sorter.spill;

import io.tidb.cdc.worker.memory.MemoryQuota;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a {@link SpillingSorter}.
 *
 * @param directory where run files go; must exist; the sorter deletes its own files
 * @param quota the changefeed's sorter memory, shared by all of its sorters
 * @param maxRuns runs kept before the smaller half is merged into one (bounds open files)
 * @param minRunBytes a sorter holding less than this does not spill when the shared quota is full,
 *     it goes over by at most this much instead (so it never writes a stream of tiny runs)
 */
public record SpillConfig(Path directory, MemoryQuota quota, int maxRuns, long minRunBytes) {
  /** The per-changefeed default sorter memory: 1 GiB. */
  public static final long DEFAULT_QUOTA_BYTES = 1L << 30;

  public static final int DEFAULT_MAX_RUNS = 16;
  public static final long DEFAULT_MIN_RUN_BYTES = 1L << 20;

  public SpillConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(quota, "quota");
    if (maxRuns < 2) {
      throw new IllegalArgumentException("maxRuns must be at least 2, got " + maxRuns);
    }
    if (minRunBytes < 0) {
      throw new IllegalArgumentException("minRunBytes must not be negative, got " + minRunBytes);
    }
  }

  /** Defaults for everything but the directory and the shared quota. */
  public static SpillConfig of(Path directory, MemoryQuota quota) {
    return new SpillConfig(directory, quota, DEFAULT_MAX_RUNS, DEFAULT_MIN_RUN_BYTES);
  }

  /** A fresh quota of {@link #DEFAULT_QUOTA_BYTES} for one changefeed's sorters. */
  public static MemoryQuota defaultQuota(String changefeed) {
    return new MemoryQuota("sorter/" + changefeed, DEFAULT_QUOTA_BYTES);
  }
}
