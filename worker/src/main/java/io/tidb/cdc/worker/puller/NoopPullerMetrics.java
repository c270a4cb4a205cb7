package io.tidb.cdc.worker.puller;

/** {@link PullerMetrics#noop()}. */
enum NoopPullerMetrics implements PullerMetrics {
  INSTANCE;

  @Override
  public void regionError(RegionErrorKind kind) {}

  @Override
  public void regionRequested() {}

  @Override
  public void regionInitialized() {}

  @Override
  public void staleEventDropped() {}

  @Override
  public void rowDelivered() {}
}
