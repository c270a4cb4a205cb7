package io.tidb.cdc.worker.bench;

import io.tidb.cdc.sim.server.SimulatorServer;
import io.tidb.cdc.worker.standalone.StandaloneRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Replication lag as {@link EndToEndHarness} measures it, and its percentiles. */
final class LagSampler {
  private LagSampler() {}

  /**
   * Lag samples (ms, physical part of a fresh TSO − physical part of the checkpoint ts) every 100
   * ms until {@code running} completes.
   */
  static List<Long> sample(
      SimulatorServer sim, StandaloneRunner runner, CompletableFuture<?> running) {
    List<Long> lags = new ArrayList<>();
    while (!running.isDone()) {
      long nowMs = sim.simulator().txn().currentTs() >>> 18;
      long cpMs = runner.status().checkpointTs() >>> 18;
      lags.add(Math.max(0, nowMs - cpMs));
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return lags;
  }

  /** The {@code p} quantile (0..1, nearest rank) of sorted samples; 0 when there are none. */
  static long pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
