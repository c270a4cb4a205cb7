package io.tidb.cdc.worker.bench;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.sorter.SortedEventSink;
import io.tidb.cdc.worker.sorter.Sorter;
import io.tidb.cdc.worker.sorter.SorterException;
import io.tidb.cdc.worker.sorter.memory.MemorySorter;
import io.tidb.cdc.worker.sorter.spill.SpillConfig;
import io.tidb.cdc.worker.sorter.spill.SpillingSorter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Sorter throughput in events per second: 100,000 events (1,000 transactions of 100 rows, 100-byte
 * values, rows of a transaction in random key order) added and released per invocation.
 *
 * <ul>
 *   <li>{@code streaming}: resolved ts follows one transaction behind, as in steady replication;
 *   <li>{@code bulk}: everything is added, then released by one resolve (a lagging or huge
 *       transaction). With {@code spill} and a 4 MiB quota this writes about 8 runs and merges
 *       them.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SorterBenchmark {
  private static final int TXNS = 1000;
  private static final int ROWS_PER_TXN = 100;
  private static final int EVENTS = TXNS * ROWS_PER_TXN;

  @Param({"memory", "spill"})
  public String sorter;

  @Param({"streaming", "bulk"})
  public String flow;

  private RawKvEvent[] events;
  private Path dir;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("sorter-bench-");
    Random rnd = new Random(1);
    List<RawKvEvent> all = new ArrayList<>(EVENTS);
    for (int t = 0; t < TXNS; t++) {
      long startTs = 1000 + 2L * t;
      List<RawKvEvent> txn = new ArrayList<>(ROWS_PER_TXN);
      for (int r = 0; r < ROWS_PER_TXN; r++) {
        long handle = (long) t * ROWS_PER_TXN + r;
        byte[] key =
            ByteBuffer.allocate(19)
                .put((byte) 't')
                .putLong(0)
                .putShort((short) 0)
                .putLong(handle)
                .array();
        txn.add(
            new RawKvEvent(
                OpType.PUT,
                Bytes.copyOf(key),
                Bytes.copyOf(new byte[100]),
                Bytes.EMPTY,
                startTs,
                startTs + 1,
                1));
      }
      Collections.shuffle(txn, rnd);
      all.addAll(txn);
    }
    events = all.toArray(new RawKvEvent[0]);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isPresent()) {
        throw new IllegalStateException("sorter left files in " + dir);
      }
    }
    Files.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void addAndRelease(Blackhole bh) throws SorterException {
    SortedEventSink sink =
        new SortedEventSink() {
          @Override
          public void onEvent(RawKvEvent event) {
            bh.consume(event);
          }

          @Override
          public void onResolved(long resolvedTs) {
            bh.consume(resolvedTs);
          }
        };
    try (Sorter s =
        sorter.equals("memory")
            ? new MemorySorter(0, sink)
            : new SpillingSorter(
                new SpillConfig(dir, new MemoryQuota("bench", 4L << 20), 16, 1L << 20), 0, sink)) {
      if (flow.equals("bulk")) {
        for (RawKvEvent e : events) {
          s.add(e);
        }
        s.resolve(Long.MAX_VALUE);
        return;
      }
      for (int t = 0; t < TXNS; t++) {
        for (int i = t * ROWS_PER_TXN; i < (t + 1) * ROWS_PER_TXN; i++) {
          s.add(events[i]);
        }
        if (t > 0) {
          s.resolve(events[(t - 1) * ROWS_PER_TXN].commitTs());
        }
      }
      s.resolve(Long.MAX_VALUE);
    }
  }
}
