package io.tidb.cdc.e2e.local;

import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.dump.TableDump;
import io.tidb.cdc.sim.pd.GcSafePoints;
import io.tidb.cdc.sim.sql.SqlEngine;
import io.tidb.cdc.sim.txn.ClusterKvStore;
import io.tidb.cdc.worker.sink.file.Replay;
import io.tidb.cdc.worker.verify.RowsComparison;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The upstream, in this JVM: the simulator (PD + TiKV with its CDC service, resolved ts every 100
 * ms) and its SQL engine, which is also the ground truth the downstream is compared with.
 */
final class LocalUpstream implements AutoCloseable {
  private final Simulator sim;
  private final SqlEngine engine;

  LocalUpstream() {
    sim =
        Simulator.start(SimulatorConfig.defaults().withResolvedTsInterval(Duration.ofMillis(100)));
    engine = SqlEngine.start(new ClusterKvStore(sim.cluster()));
  }

  String pdAddress() {
    return sim.pdAddress();
  }

  /** Runs a script; returns its last commit ts (0 when nothing committed). */
  long sql(String script) {
    return engine.execute(script).orThrow().lastCommitTs().orElse(0L);
  }

  /** The current TSO: every commit so far is below it. */
  long now() {
    return sim.txn().currentTs();
  }

  /** The service GC safe point {@code serviceId} holds in the simulator's PD, if any. */
  Optional<GcSafePoints.ServiceSafePoint> gcServiceSafePoint(String serviceId) {
    return sim.gcSafePoints().services().stream()
        .filter(s -> s.serviceId().equals(serviceId))
        .findFirst();
  }

  /** A table of the downstream replay compared, by {@code key}, with the upstream at {@code ts}. */
  TableVerdict verify(Replay downstream, String db, String table, List<String> key, long ts) {
    return RowsComparison.compare(
        db + "." + table,
        key,
        TableDump.rows(engine.store(), db, table, ts),
        downstream.rows(db, table).values());
  }

  @Override
  public void close() {
    sim.close();
  }
}
