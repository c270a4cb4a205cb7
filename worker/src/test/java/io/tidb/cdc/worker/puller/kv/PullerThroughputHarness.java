package io.tidb.cdc.worker.puller.kv;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.txn.Transaction;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.event.ResolvedTsEvent;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.puller.CountingPullerMetrics;
import io.tidb.cdc.worker.puller.PullerConfig;
import io.tidb.cdc.worker.puller.SpanConsumer;
import io.tidb.cdc.worker.puller.Subscription;
import io.tidb.cdc.worker.puller.pd.GrpcPdClient;
import io.tidb.cdc.worker.puller.testing.Workload;
import io.tidb.cdc.worker.sorter.SortedEventSink;
import io.tidb.cdc.worker.sorter.Sorter;
import io.tidb.cdc.worker.sorter.SorterException;
import io.tidb.cdc.worker.sorter.spill.SpillConfig;
import io.tidb.cdc.worker.sorter.spill.SpillingSorter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * End-to-end throughput in one process: simulator → puller (EventFeed, matcher) → spilling sorter,
 * counting the rows the sorter releases. Two phases over one table split into regions:
 *
 * <ol>
 *   <li><b>scan</b>: {@code scanRows} rows are written first (transactions of 1,000 rows), then a
 *       subscription from before them catches up through the incremental scan;
 *   <li><b>live</b>: the span is subscribed, then writer threads commit 1,000-row transactions for
 *       {@code liveSeconds}; the clock stops when the resolved ts passes the last commit.
 * </ol>
 *
 * By hand:
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -B -q -o test-compile dependency:build-classpath -pl worker \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/worker-cp.txt
 * cd worker &amp;&amp; java -Xmx2g -cp target/test-classes:target/classes:$(cat /tmp/worker-cp.txt) \
 *     io.tidb.cdc.worker.puller.kv.PullerThroughputHarness 500000 10 8
 * </pre>
 *
 * Arguments: scan rows, live seconds, regions. Prints one line per phase.
 */
public final class PullerThroughputHarness {
  static final long TABLE = 100;
  static final int TXN_ROWS = 1000;
  static final int VALUE_BYTES = 100;

  private PullerThroughputHarness() {}

  /** What one phase measured. */
  record Result(String phase, long rows, long expected, Duration elapsed, String metrics) {
    double rowsPerSecond() {
      return rows / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    @Override
    public String toString() {
      return String.format(
          "%s: %,d rows (expected %,d) in %.2f s = %,.0f rows/s; %s",
          phase, rows, expected, elapsed.toNanos() / 1e9, rowsPerSecond(), metrics);
    }
  }

  public static void main(String[] args) throws Exception {
    int scanRows = Integer.parseInt(args[0]);
    int liveSeconds = Integer.parseInt(args[1]);
    int regions = Integer.parseInt(args[2]);
    for (Result r : run(scanRows, Duration.ofSeconds(liveSeconds), regions, 2)) {
      System.out.println(r);
    }
  }

  static List<Result> run(int scanRows, Duration live, int regions, int writers) throws Exception {
    List<ByteString> splits = new ArrayList<>();
    long keySpace = Math.max(scanRows, 1_000_000);
    for (int i = 1; i < regions; i++) {
      splits.add(Workload.keyString(TABLE, keySpace * i / regions));
    }
    Path dir = Files.createTempDirectory("puller-throughput-");
    List<Result> out = new ArrayList<>();
    try (Simulator sim =
            Simulator.start(
                SimulatorConfig.defaults()
                    .withResolvedTsInterval(Duration.ofMillis(200))
                    .withSplitKeys(splits));
        GrpcPdClient pd = GrpcPdClient.connect(List.of(sim.pdAddress()))) {
      CountingPullerMetrics metrics = new CountingPullerMetrics();
      KvPuller puller = KvPuller.start(pd, PullerConfig.defaults().withMetrics(metrics));
      try {
        // Phase 1: incremental scan.
        long before = sim.txn().currentTs();
        long last = 0;
        for (long h = 0; h < scanRows; h += TXN_ROWS) {
          last = writeTxn(sim, h, Math.min(TXN_ROWS, scanRows - h), "scan");
        }
        out.add(measure("scan", puller, sim, dir, before, last, scanRows, null, metrics));
        // Phase 2: live events while writers run.
        long start = sim.txn().currentTs();
        AtomicLong written = new AtomicLong();
        AtomicLong lastCommit = new AtomicLong();
        Runnable load =
            () -> {
              List<Thread> threads = new ArrayList<>();
              AtomicBoolean stop = new AtomicBoolean();
              for (int w = 0; w < writers; w++) {
                long base = keySpace * w / writers;
                threads.add(
                    new Thread(
                        () -> {
                          long h = base;
                          while (!stop.get()) {
                            long ts = writeTxn(sim, h, TXN_ROWS, "live");
                            lastCommit.accumulateAndGet(ts, Math::max);
                            written.addAndGet(TXN_ROWS);
                            h += TXN_ROWS;
                          }
                        },
                        "throughput-writer-" + w));
              }
              threads.forEach(Thread::start);
              try {
                Thread.sleep(live.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              stop.set(true);
              for (Thread t : threads) {
                try {
                  t.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            };
        out.add(
            measure(
                "live",
                puller,
                sim,
                dir,
                start,
                0,
                0,
                new LiveLoad(load, written, lastCommit),
                metrics));
      } finally {
        puller.close();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return out;
  }

  /** The live phase's writers and what they wrote. */
  private record LiveLoad(Runnable run, AtomicLong written, AtomicLong lastCommit) {}

  private static Result measure(
      String phase,
      KvPuller puller,
      Simulator sim,
      Path dir,
      long startTs,
      long lastCommit,
      long expected,
      LiveLoad load,
      CountingPullerMetrics metrics)
      throws Exception {
    Counter counter = new Counter();
    Sorter sorter =
        new SpillingSorter(
            SpillConfig.of(dir, new MemoryQuota("sorter-" + phase, 512L << 20)), startTs, counter);
    SorterConsumer consumer = new SorterConsumer(sorter);
    long t0 = System.nanoTime();
    Subscription sub = puller.subscribe(Workload.tableSpan(TABLE), startTs, consumer);
    try {
      long target = lastCommit;
      long want = expected;
      if (load != null) {
        load.run().run();
        target = load.lastCommit().get();
        want = load.written().get();
      }
      while (counter.resolved.get() < target && consumer.error == null) {
        Thread.sleep(5);
        if (System.nanoTime() - t0 > Duration.ofMinutes(5).toNanos()) {
          throw new IllegalStateException(phase + ": no catch-up within 5 minutes");
        }
      }
      if (consumer.error != null) {
        throw consumer.error;
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
      return new Result(phase, counter.rows.get(), want, elapsed, metrics.toString());
    } finally {
      sub.close();
      sorter.close();
    }
  }

  /** Commits rows {@code [from, from + n)} in one transaction; returns its commit ts. */
  static long writeTxn(Simulator sim, long from, long n, String tag) {
    Transaction txn = sim.txn().begin();
    byte[] pad = new byte[VALUE_BYTES - 16];
    java.util.Arrays.fill(pad, (byte) 'x');
    ByteString padding = ByteString.copyFrom(pad);
    for (long h = from; h < from + n; h++) {
      txn.put(
          Workload.keyString(TABLE, h),
          ByteString.copyFromUtf8(String.format("%-5s%011d", tag, h)).concat(padding));
    }
    return txn.commit();
  }

  /** Feeds a sorter on the puller's worker thread. */
  private static final class SorterConsumer implements SpanConsumer {
    final Sorter sorter;
    volatile SorterException error;

    SorterConsumer(Sorter sorter) {
      this.sorter = sorter;
    }

    @Override
    public void onEvent(RawKvEvent event) {
      try {
        sorter.add(event);
      } catch (SorterException e) {
        error = e;
      }
    }

    @Override
    public void onResolved(ResolvedTsEvent resolved) {
      try {
        sorter.resolve(resolved.resolvedTs());
      } catch (SorterException e) {
        error = e;
      }
    }
  }

  /** Counts what the sorter releases. */
  private static final class Counter implements SortedEventSink {
    final AtomicLong rows = new AtomicLong();
    final AtomicLong resolved = new AtomicLong();

    @Override
    public void onEvent(RawKvEvent event) {
      rows.incrementAndGet();
    }

    @Override
    public void onResolved(long resolvedTs) {
      resolved.set(resolvedTs);
    }
  }
}
