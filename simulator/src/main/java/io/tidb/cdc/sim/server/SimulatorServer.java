package io.tidb.cdc.sim.server;

import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.sql.SqlEngine;
import io.tidb.cdc.sim.sql.SqlServer;
import io.tidb.cdc.sim.txn.ClusterKvStore;

/**
 * The simulator as {@code ticdc sim} runs it: PD and the TiKV stores over gRPC, and one HTTP server
 * on 127.0.0.1 for SQL ({@code POST /sql}), workloads ({@code POST /workload}) and ground truth
 * ({@code GET /dump}), all over the same cluster.
 */
public final class SimulatorServer implements AutoCloseable {
  private final Simulator simulator;
  private final SqlEngine engine;
  private final SqlServer http;

  private SimulatorServer(Simulator simulator, SqlEngine engine, SqlServer http) {
    this.simulator = simulator;
    this.engine = engine;
    this.http = http;
  }

  /** Starts everything; {@code sqlPort} 0 picks a free port. */
  public static SimulatorServer start(SimulatorConfig config, int sqlPort) {
    Simulator simulator = Simulator.start(config);
    try {
      SqlEngine engine = SqlEngine.start(new ClusterKvStore(simulator.cluster()));
      SqlServer http = SqlServer.start(engine, config.network(), sqlPort);
      http.route("/workload", new WorkloadHandler(engine));
      http.route("/dump", new DumpHandler(engine.store()));
      return new SimulatorServer(simulator, engine, http);
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
  }

  public Simulator simulator() {
    return simulator;
  }

  public SqlEngine engine() {
    return engine;
  }

  /** host:port of PD, for clients such as a changefeed's {@code pdAddresses}. */
  public String pdAddress() {
    return simulator.pdAddress();
  }

  /** host:port of the HTTP front end. */
  public String httpAddress() {
    return http.address();
  }

  @Override
  public void close() {
    try {
      http.close();
    } finally {
      simulator.close();
    }
  }
}
