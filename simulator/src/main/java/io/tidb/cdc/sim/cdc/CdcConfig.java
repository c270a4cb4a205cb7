package io.tidb.cdc.sim.cdc;

import java.time.Duration;

/**
 * Tuning of the simulated TiKV CDC endpoint.
 *
 * @param resolvedTsInterval how often resolved ts is computed and sent (TiKV: min-ts-interval)
 * @param scanThreads concurrent incremental scans (TiKV: incremental-scan-concurrency)
 * @param scanBacklogBytes an incremental scan pauses while its stream has this much unsent data
 * @param streamQuotaBytes a stream with more unsent data than this is congested: live events for it
 *     end their subscription with an error instead of queueing (TiKV's sink memory quota)
 */
public record CdcConfig(
    Duration resolvedTsInterval, int scanThreads, long scanBacklogBytes, long streamQuotaBytes) {
  public static final CdcConfig DEFAULT =
      new CdcConfig(Duration.ofSeconds(1), 2, 8L << 20, 512L << 20);

  public CdcConfig {
    if (resolvedTsInterval.isNegative() || resolvedTsInterval.isZero()) {
      throw new IllegalArgumentException(
          "resolved ts interval must be positive, got " + resolvedTsInterval);
    }
    if (scanThreads < 1) {
      throw new IllegalArgumentException("scan threads must be at least 1, got " + scanThreads);
    }
    if (scanBacklogBytes < 1 || streamQuotaBytes < scanBacklogBytes) {
      throw new IllegalArgumentException(
          "need 0 < scan backlog ("
              + scanBacklogBytes
              + ") <= stream quota ("
              + streamQuotaBytes
              + ")");
    }
  }

  public CdcConfig withResolvedTsInterval(Duration interval) {
    return new CdcConfig(interval, scanThreads, scanBacklogBytes, streamQuotaBytes);
  }
}
