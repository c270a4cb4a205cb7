package io.tidb.cdc.worker.bench;

import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.server.SimulatorServer;
import io.tidb.cdc.sim.workload.Workload;
import io.tidb.cdc.sim.workload.WorkloadOptions;
import io.tidb.cdc.sim.workload.WorkloadStats;
import io.tidb.cdc.worker.config.ChangefeedDefaults;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.config.ResourceFile;
import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import io.tidb.cdc.worker.pipeline.Phase;
import io.tidb.cdc.worker.standalone.ProgressReporter;
import io.tidb.cdc.worker.standalone.RunnerOptions;
import io.tidb.cdc.worker.standalone.StandaloneRunner;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * End to end in one process: simulator → standalone changefeed → {@code blackhole://}. The
 * changefeed starts before any load; then three phases, each on its own database:
 *
 * <ol>
 *   <li><b>catch-up</b>: {@code preloadRows} rows are committed (500-row transactions, 4 tables)
 *       while the changefeed is not yet running; the clock runs from its start until its checkpoint
 *       passes the last commit. This measures the worker, not the generator;
 *   <li><b>live</b>: {@code writers} workloads (each its own database and thread) of {@code
 *       liveTxnsPerWriter} transactions of {@code rowsPerTxn} row changes (insert/update/delete
 *       weights {@code mix}, e.g. 60/30/10) as fast as they go; reports the generator's rate and
 *       the rate at which the sink caught up (first commit to checkpoint past the last one);
 *   <li><b>lag</b>: {@code lagSeconds} of the same workload at {@code lagRate} row changes/s (0:
 *       half the live catch-up rate); every 100 ms samples lag = TSO now − checkpoint ts (physical
 *       parts) and prints p50/p99/max;
 *   <li><b>live</b> and <b>lag</b> again with {@link BatchInserter}: one multi-row INSERT of {@code
 *       rowsPerTxn} rows per transaction, a generator cheap enough to go past 50,000 rows/s.
 * </ol>
 *
 * By hand:
 *
 * <pre>
 * ./mvnw -B -q -o test-compile dependency:build-classpath -pl worker \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/worker-cp.txt
 * cd worker &amp;&amp; java -Xmx4g -cp target/test-classes:target/classes:$(cat /tmp/worker-cp.txt) \
 *     io.tidb.cdc.worker.bench.EndToEndHarness 1000000 2000 50000 15 100 1 60/30/10
 * </pre>
 *
 * Arguments: preload rows, live transactions per writer, lag rate (row changes/s, 0 for half the
 * live rate), lag seconds, row changes per transaction in the live and lag phases, writers, mix.
 */
public final class EndToEndHarness {
  static final Duration RESOLVED_TS_INTERVAL = Duration.ofMillis(200);
  static final Duration WAIT = Duration.ofMinutes(5);
  static final int TABLES = 4;

  private EndToEndHarness() {}

  public static void main(String[] args) throws Exception {
    HarnessOptions o = HarnessOptions.parseOrExit(args);
    int preloadRows = o.preloadRows();
    long liveTxns = o.liveTxnsPerWriter();
    int lagSeconds = o.lagSeconds();
    int rowsPerTxn = o.rowsPerTxn();
    int writers = o.writers();
    int[] mix = o.mix().stream().mapToInt(Integer::intValue).toArray();
    Path data = Files.createTempDirectory("e2e-harness-");
    try (SimulatorServer sim =
        SimulatorServer.start(
            SimulatorConfig.defaults().withResolvedTsInterval(RESOLVED_TS_INTERVAL), 0)) {
      long startTs = sim.simulator().txn().currentTs();

      // Phase 1: preload while no changefeed runs, then time the catch-up.
      WorkloadOptions preload =
          WorkloadOptions.defaults()
              .withDatabase("bench_catchup")
              .withTables(TABLES, preloadRows / TABLES)
              .withTransactions(0, 0);
      long loadStart = System.nanoTime();
      new Workload(sim.engine(), preload).prepare();
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      long preloadLast = sim.simulator().txn().currentTs();

      ChangefeedSettings settings =
          ChangefeedDefaults.validated(
              ResourceFile.parse(yaml(sim.pdAddress(), startTs), "bench.yaml"), "bench.yaml");
      StandaloneRunner runner =
          new StandaloneRunner(
              settings,
              RunnerOptions.defaults(data)
                  .withProgress(
                      new PrintStream(OutputStream.nullOutputStream()),
                      ProgressReporter.Mode.PLAIN));
      long catchStart = System.nanoTime();
      CompletableFuture<StandaloneRunner.Outcome> outcome = runner.runInBackground("bench-runner");
      ChangefeedStatus first = await(runner, outcome, s -> s.rowsFlushed() > 0);
      double firstSeconds = (System.nanoTime() - catchStart) / 1e9;
      ChangefeedStatus caught = await(runner, outcome, s -> s.checkpointTs() >= preloadLast);
      double catchSeconds = (System.nanoTime() - catchStart) / 1e9;
      double catchRate = caught.rowsFlushed() / catchSeconds;
      System.out.printf(
          "catch-up: %,d rows (preloaded in %.2f s = %,.0f rows/s) replicated in %.2f s"
              + " (changefeed start included) = %,.0f rows/s; after the first row flushed"
              + " (%.2f s) %,.0f rows/s%n",
          caught.rowsFlushed(),
          loadSeconds,
          preloadRows / loadSeconds,
          catchSeconds,
          catchRate,
          firstSeconds,
          (caught.rowsFlushed() - first.rowsFlushed()) / (catchSeconds - firstSeconds));

      // Phase 2: an unthrottled live workload.
      List<Workload> live = workloads(sim, "bench_live", writers, liveTxns, 0, rowsPerTxn, mix);
      long prepared = sim.simulator().txn().currentTs();
      ChangefeedStatus before = await(runner, outcome, s -> s.checkpointTs() >= prepared);
      long liveStart = System.nanoTime();
      Load ls = runAll(live, running -> {});
      double genSeconds = (System.nanoTime() - liveStart) / 1e9;
      ChangefeedStatus after = await(runner, outcome, s -> s.checkpointTs() >= ls.lastCommitTs());
      double liveSeconds = (System.nanoTime() - liveStart) / 1e9;
      long liveRows = after.rowsFlushed() - before.rowsFlushed();
      double liveRate = liveRows / liveSeconds;
      System.out.printf(
          "live (mix "
              + o.mixText()
              + "): %,d row changes generated by %d writer(s) in %.2f s = %,.0f rows/s; %,d rows"
              + " through the sink, caught up after %.2f s = %,.0f rows/s%n",
          ls.rows(),
          writers,
          genSeconds,
          ls.rows() / genSeconds,
          liveRows,
          liveSeconds,
          liveRate);

      // Phase 3: a fixed rate, lag sampled every 100 ms while the writers run.
      double rate = o.lagRate() > 0 ? o.lagRate() : Math.floor(liveRate / 2);
      List<Workload> paced =
          workloads(
              sim,
              "bench_lag",
              writers,
              (long) (rate * lagSeconds / rowsPerTxn / writers),
              rate / rowsPerTxn / writers,
              rowsPerTxn,
              mix);
      long pacedPrepared = sim.simulator().txn().currentTs();
      ChangefeedStatus lagBefore = await(runner, outcome, s -> s.checkpointTs() >= pacedPrepared);
      List<Long> lags = new ArrayList<>();
      long lagStart = System.nanoTime();
      Load ps = runAll(paced, running -> lags.addAll(LagSampler.sample(sim, runner, running)));
      double lagElapsed = (System.nanoTime() - lagStart) / 1e9;
      ChangefeedStatus lagAfter =
          await(runner, outcome, s -> s.checkpointTs() >= ps.lastCommitTs());
      Collections.sort(lags);
      double achieved = ps.rows() / lagElapsed;
      System.out.printf(
          "lag: target %,.0f rows/s, achieved %,.0f rows/s for %.1f s, %,d rows through the sink;"
              + " %d samples: p50 %d ms, p99 %d ms, max %d ms%n",
          rate,
          achieved,
          lagElapsed,
          lagAfter.rowsFlushed() - lagBefore.rowsFlushed(),
          lags.size(),
          LagSampler.pct(lags, 0.50),
          LagSampler.pct(lags, 0.99),
          LagSampler.pct(lags, 1.0));

      // Phases 4 and 5: the same with multi-row INSERT transactions, a cheaper generator.
      BatchInserter fast = new BatchInserter(sim.engine(), "bench_batch", rowsPerTxn);
      long batchCreated = sim.simulator().txn().currentTs();
      ChangefeedStatus bBefore = await(runner, outcome, s -> s.checkpointTs() >= batchCreated);
      long bStart = System.nanoTime();
      BatchInserter.Result br = fast.run(liveTxns * rowsPerTxn * writers * 2L, 0);
      double bGen = (System.nanoTime() - bStart) / 1e9;
      ChangefeedStatus bAfter = await(runner, outcome, s -> s.checkpointTs() >= br.lastCommitTs());
      double bSeconds = (System.nanoTime() - bStart) / 1e9;
      double bRate = (bAfter.rowsFlushed() - bBefore.rowsFlushed()) / bSeconds;
      System.out.printf(
          "live (%d-row INSERTs): %,d rows generated in %.2f s = %,.0f rows/s; %,d rows through"
              + " the sink, caught up after %.2f s = %,.0f rows/s%n",
          rowsPerTxn,
          br.rows(),
          bGen,
          br.rows() / bGen,
          bAfter.rowsFlushed() - bBefore.rowsFlushed(),
          bSeconds,
          bRate);
      ChangefeedStatus bLagBefore = runner.status();
      CompletableFuture<BatchInserter.Result> bRun = new CompletableFuture<>();
      Thread bt =
          new Thread(
              () -> {
                try {
                  bRun.complete(fast.run((long) (rate * lagSeconds), rate));
                } catch (Throwable e) {
                  bRun.completeExceptionally(e);
                }
              },
              "bench-batch");
      long bLagStart = System.nanoTime();
      bt.start();
      List<Long> bLags = LagSampler.sample(sim, runner, bRun);
      BatchInserter.Result bl = bRun.join();
      double bLagElapsed = (System.nanoTime() - bLagStart) / 1e9;
      ChangefeedStatus bLagAfter =
          await(runner, outcome, s -> s.checkpointTs() >= bl.lastCommitTs());
      Collections.sort(bLags);
      double bAchieved = bl.rows() / bLagElapsed;
      System.out.printf(
          "lag (%d-row INSERTs): target %,.0f rows/s, achieved %,.0f rows/s for %.1f s, %,d rows"
              + " through the sink; %d samples: p50 %d ms, p99 %d ms, max %d ms%n",
          rowsPerTxn,
          rate,
          bAchieved,
          bLagElapsed,
          bLagAfter.rowsFlushed() - bLagBefore.rowsFlushed(),
          bLags.size(),
          LagSampler.pct(bLags, 0.50),
          LagSampler.pct(bLags, 0.99),
          LagSampler.pct(bLags, 1.0));
      System.out.printf(
          "summary: catch-up %,.0f rows/s; workload: live %,.0f rows/s (generator %,.0f), lag at"
              + " %,.0f rows/s p50 %d ms p99 %d ms max %d ms; batch INSERTs: live %,.0f rows/s"
              + " (generator %,.0f), lag at %,.0f rows/s p50 %d ms p99 %d ms max %d ms%n",
          catchRate,
          liveRate,
          ls.rows() / genSeconds,
          achieved,
          LagSampler.pct(lags, 0.50),
          LagSampler.pct(lags, 0.99),
          LagSampler.pct(lags, 1.0),
          bRate,
          br.rows() / bGen,
          bAchieved,
          LagSampler.pct(bLags, 0.50),
          LagSampler.pct(bLags, 0.99),
          LagSampler.pct(bLags, 1.0));
      runner.stop();
      runner.awaitStopped(Duration.ofSeconds(30));
    }
  }

  /** What a group of writers did. */
  record Load(long rows, long lastCommitTs) {}

  /** {@code writers} prepared workloads, each on its own database. */
  private static List<Workload> workloads(
      SimulatorServer sim,
      String db,
      int writers,
      long txnsEach,
      double ratePerWriter,
      int rows,
      int[] mix) {
    List<Workload> out = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      Workload load =
          new Workload(
              sim.engine(),
              WorkloadOptions.defaults()
                  .withDatabase(db + "_" + w)
                  .withSeed(w + 1L)
                  .withTables(TABLES, 1000)
                  .withTransactions(txnsEach, ratePerWriter)
                  .withLargeTransactions(rows > 1 ? 1 : 0, rows)
                  .withMix(mix[0], mix[1], mix[2]));
      load.prepare();
      out.add(load);
    }
    return out;
  }

  /** Runs the workloads on their own threads; {@code meanwhile} runs on this one until all end. */
  private static Load runAll(List<Workload> loads, Consumer<CompletableFuture<Void>> meanwhile) {
    List<CompletableFuture<WorkloadStats>> runs = new ArrayList<>();
    for (Workload w : loads) {
      CompletableFuture<WorkloadStats> f = new CompletableFuture<>();
      Thread th =
          new Thread(
              () -> {
                try {
                  f.complete(w.run());
                } catch (Throwable e) {
                  f.completeExceptionally(e);
                }
              },
              "bench-writer");
      th.start();
      runs.add(f);
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(runs.toArray(new CompletableFuture<?>[0]));
    meanwhile.accept(all);
    all.join();
    long rows = 0;
    long last = 0;
    for (CompletableFuture<WorkloadStats> f : runs) {
      rows += f.join().rowChanges();
      last = Math.max(last, f.join().lastCommitTs());
    }
    return new Load(rows, last);
  }

  private static ChangefeedStatus await(
      StandaloneRunner runner,
      CompletableFuture<StandaloneRunner.Outcome> outcome,
      Predicate<ChangefeedStatus> p)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      ChangefeedStatus s = runner.status();
      if (s.phase() == Phase.NORMAL && p.test(s)) {
        return s;
      }
      if (outcome.isDone()) {
        break;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("changefeed did not get there; status " + runner.status());
  }

  private static String yaml(String pd, long startTs) {
    return """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: local}
        spec:
          upstream:
            pdAddresses: ["%s"]
          gcTtl: 10m
          worker: {sorterMemory: 256Mi}
        ---
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: bench}
        spec:
          cluster: local
          sink: {uri: "blackhole://"}
          startTs: %d
        """
        .formatted(pd, startTs);
  }
}
