package io.tidb.cdc.worker.puller;

/**
 * What the puller reports about itself. Implementations must be thread-safe and cheap: they are
 * called on the event path. A Prometheus binding comes later; {@link CountingPullerMetrics} counts
 * in memory.
 */
public interface PullerMetrics {
  /** A region subscription ended or could not start. */
  void regionError(RegionErrorKind kind);

  /** A region request was sent to a store. */
  void regionRequested();

  /** A region's incremental scan finished (INITIALIZED). */
  void regionInitialized();

  /** An event of a subscription that no longer exists (an older request id) was dropped. */
  void staleEventDropped();

  /** A committed row was delivered to a consumer. */
  void rowDelivered();

  /** Metrics that go nowhere. */
  static PullerMetrics noop() {
    return NoopPullerMetrics.INSTANCE;
  }
}
