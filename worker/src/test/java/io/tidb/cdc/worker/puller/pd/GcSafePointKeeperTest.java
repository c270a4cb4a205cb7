package io.tidb.cdc.worker.puller.pd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.pd.GcSafePoints;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcSafePointKeeperTest {
  @Test
  void keepsTheServiceSafePointJustBelowTheCheckpoint() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
        GrpcPdClient pd = GrpcPdClient.connect(List.of(sim.pdAddress()))) {
      GcSafePointKeeper keeper = new GcSafePointKeeper(pd, "ticdc-demo", Duration.ofMinutes(10));
      keeper.keepAt(5000);
      assertThat(safePointOf(sim, "ticdc-demo")).isEqualTo(4999);
      keeper.keepAt(7000);
      assertThat(safePointOf(sim, "ticdc-demo")).isEqualTo(6999);
      keeper.checkStartTs(5000);

      // Without our safe point, TiDB's GC worker moves past the checkpoint: both checks refuse.
      keeper.release();
      sim.gcSafePoints().updateService(GcSafePoints.GC_WORKER, 9000, Long.MAX_VALUE);
      sim.gcSafePoints().updateGcSafePoint(9000);
      assertThatThrownBy(() -> keeper.keepAt(8000))
          .isInstanceOf(PdException.class)
          .hasMessageContaining("above checkpoint ts 8000");
      assertThatThrownBy(() -> keeper.checkStartTs(8000))
          .isInstanceOf(PdException.class)
          .hasMessageContaining("older than the GC safe point 9000");
      assertThat(sim.gcSafePoints().services())
          .extracting(GcSafePoints.ServiceSafePoint::serviceId)
          .doesNotContain("ticdc-demo");
    }
  }

  @Test
  void refusesBadSettings() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
        GrpcPdClient pd = GrpcPdClient.connect(List.of(sim.pdAddress()))) {
      assertThatThrownBy(() -> new GcSafePointKeeper(pd, " ", Duration.ofMinutes(1)))
          .hasMessageContaining("service id");
      assertThatThrownBy(() -> new GcSafePointKeeper(pd, "x", Duration.ofMillis(10)))
          .hasMessageContaining("ttl");
    }
  }

  private static long safePointOf(Simulator sim, String service) {
    return sim.gcSafePoints().services().stream()
        .filter(s -> s.serviceId().equals(service))
        .findFirst()
        .orElseThrow()
        .safePoint();
  }
}
