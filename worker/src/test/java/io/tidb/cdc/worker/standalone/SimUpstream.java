package io.tidb.cdc.worker.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.dump.TableDump;
import io.tidb.cdc.sim.sql.SqlEngine;
import io.tidb.cdc.sim.sql.SqlServer;
import io.tidb.cdc.sim.txn.ClusterKvStore;
import io.tidb.cdc.worker.sink.file.FileSinkReader;
import io.tidb.cdc.worker.sink.file.Replay;
import io.tidb.cdc.worker.verify.RowsComparison;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The upstream of the end-to-end tests: a simulator (resolved ts every 100 ms) with its SQL front
 * end over HTTP, and the ground truth of its tables.
 */
public final class SimUpstream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Simulator sim;
  final SqlEngine engine;
  final SqlServer sql;
  private final HttpClient http = HttpClient.newHttpClient();

  public SimUpstream() {
    this(SimulatorConfig.defaults());
  }

  /** {@code config} with resolved ts every 100 ms (e.g. with TLS). */
  public SimUpstream(SimulatorConfig config) {
    sim = Simulator.start(config.withResolvedTsInterval(Duration.ofMillis(100)));
    engine = SqlEngine.start(new ClusterKvStore(sim.cluster()));
    sql = SqlServer.start(engine, 0);
  }

  public String pdAddress() {
    return sim.pdAddress();
  }

  /** PD's GC safe point registry (service safe points included). */
  public io.tidb.cdc.sim.pd.GcSafePoints gcSafePoints() {
    return sim.gcSafePoints();
  }

  /** Runs statements through {@code POST /sql}; returns the last commit ts (0 if none). */
  public long sql(String script) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + sql.address() + "/sql"))
                .POST(HttpRequest.BodyPublishers.ofString(script))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("SQL failed (" + r.statusCode() + "): " + r.body());
    }
    long last = 0;
    for (JsonNode res : JSON.readTree(r.body()).path("results")) {
      last = Math.max(last, res.path("commit_ts").asLong(0));
    }
    return last;
  }

  /** The current TSO: every commit so far is below it. */
  public long now() {
    return sim.txn().currentTs();
  }

  /** Compares a table in a file sink directory with the upstream at {@code ts}. */
  public TableVerdict verify(Path sinkDir, String db, String table, List<String> key, long ts)
      throws IOException {
    Replay replay = new FileSinkReader(sinkDir).replay();
    return RowsComparison.compare(
        db + "." + table,
        key,
        TableDump.rows(engine.store(), db, table, ts),
        replay.rows(db, table).values());
  }

  /** A standalone file for this upstream. */
  String changefeedYaml(String name, String sinkUri, String extraSpec) {
    return """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: local}
        spec:
          upstream:
            pdAddresses: ["%s"]
          gcTtl: 10m
          worker: {sorterMemory: 64Mi}
        ---
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: %s}
        spec:
          cluster: local
          sink: {uri: "%s"}
        %s"""
        .formatted(pdAddress(), name, sinkUri, extraSpec.indent(2));
  }

  @Override
  public void close() {
    sql.close();
    sim.close();
  }
}
