package io.tidb.cdc.worker.puller;

import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.puller.retry.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How a puller runs.
 *
 * @param oldValueMode whether TiKV is asked for old values ({@code extra_op = ReadOldValue})
 * @param matcherQuota budget for unmatched prewrites of all regions (see the matcher)
 * @param workerThreads threads that match events and call consumers; a span stays on one
 * @param streamBufferBytes received bytes of one EventFeed stream not yet processed before the
 *     puller stops reading it (gRPC flow control then holds the store back)
 * @param regionBackoff back-off between attempts to subscribe a failing region
 * @param rpcTimeout deadline of one PD or KV call
 * @param metrics where counters go
 */
public record PullerConfig(
    OldValueMode oldValueMode,
    MemoryQuota matcherQuota,
    int workerThreads,
    long streamBufferBytes,
    Backoff regionBackoff,
    Duration rpcTimeout,
    PullerMetrics metrics) {
  public static final long DEFAULT_MATCHER_QUOTA_BYTES = 256L << 20;
  public static final long DEFAULT_STREAM_BUFFER_BYTES = 32L << 20;

  public PullerConfig {
    Objects.requireNonNull(oldValueMode, "oldValueMode");
    Objects.requireNonNull(matcherQuota, "matcherQuota");
    Objects.requireNonNull(regionBackoff, "regionBackoff");
    Objects.requireNonNull(rpcTimeout, "rpcTimeout");
    Objects.requireNonNull(metrics, "metrics");
    if (workerThreads < 1) {
      throw new IllegalArgumentException(
          "puller needs at least 1 worker thread, got " + workerThreads);
    }
    if (streamBufferBytes < 1) {
      throw new IllegalArgumentException(
          "stream buffer must be positive, got " + streamBufferBytes + " bytes");
    }
    if (rpcTimeout.isNegative() || rpcTimeout.isZero()) {
      throw new IllegalArgumentException("rpc timeout must be positive, got " + rpcTimeout);
    }
  }

  /**
   * No old values, a 256 MiB matcher quota, two workers, 32 MiB per stream, back-off from 20 ms to
   * 2 s, 10 s RPC deadline, no metrics.
   */
  public static PullerConfig defaults() {
    return new PullerConfig(
        OldValueMode.WITHOUT_OLD_VALUE,
        new MemoryQuota("puller-matcher", DEFAULT_MATCHER_QUOTA_BYTES),
        2,
        DEFAULT_STREAM_BUFFER_BYTES,
        new Backoff(Duration.ofMillis(20), Duration.ofSeconds(2)),
        Duration.ofSeconds(10),
        PullerMetrics.noop());
  }

  public PullerConfig withOldValueMode(OldValueMode mode) {
    return new PullerConfig(
        mode, matcherQuota, workerThreads, streamBufferBytes, regionBackoff, rpcTimeout, metrics);
  }

  public PullerConfig withMatcherQuota(MemoryQuota quota) {
    return new PullerConfig(
        oldValueMode, quota, workerThreads, streamBufferBytes, regionBackoff, rpcTimeout, metrics);
  }

  public PullerConfig withWorkerThreads(int n) {
    return new PullerConfig(
        oldValueMode, matcherQuota, n, streamBufferBytes, regionBackoff, rpcTimeout, metrics);
  }

  public PullerConfig withStreamBufferBytes(long bytes) {
    return new PullerConfig(
        oldValueMode, matcherQuota, workerThreads, bytes, regionBackoff, rpcTimeout, metrics);
  }

  public PullerConfig withRegionBackoff(Backoff backoff) {
    return new PullerConfig(
        oldValueMode, matcherQuota, workerThreads, streamBufferBytes, backoff, rpcTimeout, metrics);
  }

  public PullerConfig withRpcTimeout(Duration timeout) {
    return new PullerConfig(
        oldValueMode,
        matcherQuota,
        workerThreads,
        streamBufferBytes,
        regionBackoff,
        timeout,
        metrics);
  }

  public PullerConfig withMetrics(PullerMetrics m) {
    return new PullerConfig(
        oldValueMode, matcherQuota, workerThreads, streamBufferBytes, regionBackoff, rpcTimeout, m);
  }
}
