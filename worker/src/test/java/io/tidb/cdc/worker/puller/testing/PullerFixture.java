package io.tidb.cdc.worker.puller.testing;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.worker.puller.CountingPullerMetrics;
import io.tidb.cdc.worker.puller.PullerConfig;
import io.tidb.cdc.worker.puller.kv.KvPuller;
import io.tidb.cdc.worker.puller.pd.GrpcPdClient;
import io.tidb.cdc.worker.puller.pd.PdException;
import java.time.Duration;
import java.util.List;

/** A simulator (resolved ts every 50 ms), a PD client and a puller on it; closes all three. */
public final class PullerFixture implements AutoCloseable {
  public final Simulator sim;
  public final GrpcPdClient pd;
  public final CountingPullerMetrics metrics = new CountingPullerMetrics();
  public final KvPuller puller;

  public PullerFixture(List<ByteString> splitKeys, PullerConfig config) throws PdException {
    sim =
        Simulator.start(
            SimulatorConfig.defaults()
                .withResolvedTsInterval(Duration.ofMillis(50))
                .withSplitKeys(splitKeys));
    GrpcPdClient p = null;
    try {
      p = GrpcPdClient.connect(List.of(sim.pdAddress()));
      puller = KvPuller.start(p, config.withMetrics(metrics));
    } catch (PdException | RuntimeException e) {
      if (p != null) {
        p.close();
      }
      sim.close();
      throw e;
    }
    pd = p;
  }

  @Override
  public void close() {
    puller.close();
    pd.close();
    sim.close();
  }
}
