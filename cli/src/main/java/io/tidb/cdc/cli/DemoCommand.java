package io.tidb.cdc.cli;

import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.dump.TableDump;
import io.tidb.cdc.sim.server.SimulatorServer;
import io.tidb.cdc.sim.workload.Workload;
import io.tidb.cdc.sim.workload.WorkloadOptions;
import io.tidb.cdc.sim.workload.WorkloadStats;
import io.tidb.cdc.worker.config.ChangefeedDefaults;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.config.ConfigException;
import io.tidb.cdc.worker.config.ResourceFile;
import io.tidb.cdc.worker.sink.file.FileSinkReader;
import io.tidb.cdc.worker.sink.file.Replay;
import io.tidb.cdc.worker.standalone.ProgressReporter;
import io.tidb.cdc.worker.standalone.RunnerOptions;
import io.tidb.cdc.worker.standalone.StandaloneRunner;
import io.tidb.cdc.worker.verify.RowsComparison;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ticdc demo}: the whole product on one machine, in one process: the simulator under a
 * workload, a standalone changefeed into a file sink, and a table-by-table consistency verdict.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start the upstream simulator with a sysbench-like workload (inserts, updates, deletes and"
          + " online DDL), replicate it with a standalone changefeed into a temporary file sink"
          + " (canal-json) while showing the live progress line, then compare every table"
          + " downstream with the simulator's ground truth and print the verdict. Cleans up"
          + " after itself; exits 0 when every table matches.",
      ""
    })
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--tables", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}.")
  int tables;

  @Option(
      names = "--rows",
      defaultValue = "2000",
      description = "Rows loaded per table. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Option(
      names = "--transactions",
      defaultValue = "60000",
      description = "Transactions after the load. Default: ${DEFAULT-VALUE}.")
  long transactions;

  @Option(
      names = "--rate",
      defaultValue = "2500",
      description = "Transactions per second (0: as fast as possible). Default: ${DEFAULT-VALUE}.")
  double rate;

  @Option(
      names = "--ddl-every",
      defaultValue = "5000",
      description = "An online DDL every N transactions (0: none). Default: ${DEFAULT-VALUE}.")
  int ddlEvery;

  @Option(
      names = "--large-txn-every",
      defaultValue = "10000",
      description =
          "Every N-th transaction changes --large-txn-rows rows at once (0: never)."
              + " Default: ${DEFAULT-VALUE}.")
  int largeTxnEvery;

  @Option(
      names = "--large-txn-rows",
      defaultValue = "2000",
      description = "Default: ${DEFAULT-VALUE}.")
  int largeTxnRows;

  @Option(
      names = "--keep",
      description = "Keep the sink directory and the changefeed file (their path is printed).")
  boolean keep;

  @Option(
      names = "--timeout",
      defaultValue = "150s",
      converter = DurationConverter.class,
      description =
          "Give up when the changefeed has not caught up by then. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    if (System.getenv("TICDC_LOG_LEVEL") == null) {
      // The progress line owns the terminal; logs would tear it. Warnings still show.
      System.setProperty("TICDC_LOG_LEVEL", "WARN");
    }
    PrintStream out = System.out;
    Path work = Files.createTempDirectory("ticdc-demo-");
    long started = System.currentTimeMillis();
    out.println("demo: starting the upstream simulator (PD + 3 TiKV stores, in this process)");
    try (SimulatorServer sim =
        SimulatorServer.start(
            SimulatorConfig.defaults().withPdPort(0).withResolvedTsInterval(Duration.ofMillis(200)),
            0)) {
      long startTs = sim.simulator().txn().currentTs();
      Path sinkDir = work.resolve("sink");
      String yaml = changefeedFile(sim.pdAddress(), sinkDir, startTs);
      Path file = work.resolve("changefeed.yaml");
      Files.writeString(file, yaml);
      out.println("demo: changefeed file " + file + " (what 'ticdc standalone -f' takes):");
      yaml.lines().forEach(l -> out.println("  " + l));
      ChangefeedSettings settings = settings(yaml, file);
      StandaloneRunner runner =
          new StandaloneRunner(
              settings,
              RunnerOptions.defaults(work.resolve("data"))
                  .withProgress(out, ProgressReporter.detect())
                  .withRetryFor(Duration.ofSeconds(30)));
      CompletableFuture<StandaloneRunner.Outcome> run = runner.runInBackground("demo-changefeed");
      WorkloadOptions wo =
          WorkloadOptions.defaults()
              .withDatabase("sbtest")
              .withTables(tables, rows)
              .withTransactions(transactions, rate)
              .withDdlEvery(ddlEvery)
              .withLargeTransactions(largeTxnEvery, Math.max(1, largeTxnRows));
      out.printf(
          Locale.ROOT,
          "demo: workload: %d tables x %,d rows, then %,d transactions at %s/s, a DDL every"
              + " %,d and a %,d-row transaction every %,d%n",
          tables,
          rows,
          transactions,
          rate == 0 ? "max" : String.format(Locale.ROOT, "%,.0f", rate),
          ddlEvery,
          largeTxnRows,
          largeTxnEvery);
      Workload workload = new Workload(sim.engine(), wo);
      workload.prepare();
      WorkloadStats stats = workload.run();
      long endTs = sim.simulator().txn().currentTs();
      boolean caughtUp = awaitCheckpoint(runner, run, endTs, started);
      runner.stop();
      StandaloneRunner.Outcome outcome = run.get();
      out.printf(
          Locale.ROOT,
          "demo: workload done: %,d transactions, %,d row changes, %d DDL in %.1f s%n",
          stats.transactions(),
          stats.rowChanges(),
          stats.ddls(),
          stats.elapsedMillis() / 1000.0);
      if (!caughtUp) {
        out.println(
            "demo: the changefeed did not catch up within "
                + timeout
                + " ("
                + outcome
                + ", "
                + runner.status().lastError().orElse("no error")
                + ")");
        return 1;
      }
      List<TableVerdict> verdicts = verify(sim, sinkDir, workload.tables(), endTs);
      printVerdicts(out, verdicts);
      boolean ok = verdicts.stream().allMatch(TableVerdict::consistent);
      out.printf(
          Locale.ROOT,
          "demo: %s in %.0f s%n",
          ok ? "CONSISTENT: every table downstream equals the upstream" : "INCONSISTENT",
          (System.currentTimeMillis() - started) / 1000.0);
      return ok ? 0 : 1;
    } finally {
      if (keep) {
        out.println("demo: kept " + work);
      } else {
        deleteTree(work);
      }
    }
  }

  private static String changefeedFile(String pd, Path sinkDir, long startTs) {
    return """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: local}
        spec:
          upstream:
            pdAddresses: ["%s"]
        ---
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: demo}
        spec:
          cluster: local
          startTs: %d
          filter: {rules: ["sbtest.*"]}
          sink: {uri: "file://%s?protocol=canal-json"}
        """
        .formatted(pd, startTs, sinkDir);
  }

  private static ChangefeedSettings settings(String yaml, Path file) {
    try {
      return ChangefeedDefaults.validated(
          ResourceFile.parse(yaml, file.toString()), file.toString());
    } catch (ConfigException e) {
      throw new IllegalStateException(
          "the demo's own changefeed file is invalid: " + e.getMessage(), e);
    }
  }

  private boolean awaitCheckpoint(
      StandaloneRunner runner, CompletableFuture<?> run, long ts, long started)
      throws InterruptedException {
    long deadline = started + timeout.toMillis();
    while (System.currentTimeMillis() < deadline && !run.isDone()) {
      if (runner.status().checkpointTs() >= ts) {
        return true;
      }
      Thread.sleep(100);
    }
    return runner.status().checkpointTs() >= ts;
  }

  private static List<TableVerdict> verify(
      SimulatorServer sim, Path sinkDir, List<String> tables, long ts) throws IOException {
    Replay replay = new FileSinkReader(sinkDir).replay();
    List<TableVerdict> out = new ArrayList<>();
    for (String t : tables) {
      out.add(
          RowsComparison.compare(
              "sbtest." + t,
              List.of("id"),
              TableDump.rows(sim.engine().store(), "sbtest", t, ts),
              replay.rows("sbtest", t).values()));
    }
    return out;
  }

  private static void printVerdicts(PrintStream out, List<TableVerdict> verdicts) {
    out.println();
    out.printf(
        Locale.ROOT, "%-16s %14s %14s  %s%n", "table", "upstream rows", "downstream", "verdict");
    for (TableVerdict v : verdicts) {
      out.printf(
          Locale.ROOT,
          "%-16s %,14d %,14d  %s%n",
          v.table(),
          v.upstreamRows(),
          v.downstreamRows(),
          v.consistent() ? "OK" : "MISMATCH " + String.join("; ", v.examples()));
    }
    out.println();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
