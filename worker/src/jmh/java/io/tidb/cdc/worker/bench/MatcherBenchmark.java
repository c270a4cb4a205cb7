package io.tidb.cdc.worker.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.Cdcpb.Event.LogType;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.matcher.MatchException;
import io.tidb.cdc.worker.matcher.MatcherConfig;
import io.tidb.cdc.worker.matcher.RegionMatcher;
import io.tidb.cdc.worker.memory.MemoryQuota;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * Matcher throughput in EventFeed rows per second (a prewrite and its commit are two rows): 1,000
 * transactions of 10 rows with 100-byte values per invocation, in one region. {@code held}: values
 * wait in the matcher; {@code evicted}: the quota is tiny, every transaction is evicted and each
 * commit does an (in-memory) snapshot read for its value.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatcherBenchmark {
  private static final int TXNS = 1000;
  private static final int ROWS_PER_TXN = 10;
  private static final int ROWS = TXNS * ROWS_PER_TXN;

  @Param({"held", "evicted"})
  public String values;

  private Cdcpb.Event.Row[] prewrites;
  private Cdcpb.Event.Row[] commits;
  private RegionMatcher matcher;
  private Blackhole sink;

  @Setup
  public void setup(Blackhole bh) throws MatchException {
    sink = bh;
    prewrites = new Cdcpb.Event.Row[ROWS];
    commits = new Cdcpb.Event.Row[ROWS];
    Map<Bytes, Bytes> store = new HashMap<>();
    for (int t = 0; t < TXNS; t++) {
      long startTs = 1000 + 2L * t;
      for (int r = 0; r < ROWS_PER_TXN; r++) {
        int i = t * ROWS_PER_TXN + r;
        ByteString key = key(i);
        byte[] value = new byte[100];
        ByteBuffer.wrap(value).putInt(i);
        store.put(Bytes.of(key), Bytes.copyOf(value));
        prewrites[i] =
            Cdcpb.Event.Row.newBuilder()
                .setType(LogType.PREWRITE)
                .setOpType(Cdcpb.Event.Row.OpType.PUT)
                .setStartTs(startTs)
                .setKey(key)
                .setValue(UnsafeByteOperations.unsafeWrap(value))
                .build();
        commits[i] =
            Cdcpb.Event.Row.newBuilder()
                .setType(LogType.COMMIT)
                .setOpType(Cdcpb.Event.Row.OpType.PUT)
                .setStartTs(startTs)
                .setCommitTs(startTs + 1)
                .setKey(key)
                .build();
      }
    }
    long quota = values.equals("held") ? 64L << 20 : 1;
    matcher =
        new RegionMatcher(
            new MatcherConfig(
                new MemoryQuota("bench", quota),
                (k, ts) -> Optional.ofNullable(store.get(k)),
                OldValueMode.WITHOUT_OLD_VALUE),
            1,
            100,
            e -> sink.consume(e));
    matcher.onRow(Cdcpb.Event.Row.newBuilder().setType(LogType.INITIALIZED).build());
  }

  @TearDown
  public void tearDown() {
    matcher.close();
  }

  @Benchmark
  @OperationsPerInvocation(2 * ROWS)
  public void prewriteThenCommit() throws MatchException {
    for (int t = 0; t < TXNS; t++) {
      int from = t * ROWS_PER_TXN;
      for (int i = from; i < from + ROWS_PER_TXN; i++) {
        matcher.onRow(prewrites[i]);
      }
      for (int i = from; i < from + ROWS_PER_TXN; i++) {
        matcher.onRow(commits[i]);
      }
    }
  }

  private static ByteString key(long handle) {
    ByteBuffer b = ByteBuffer.allocate(19);
    b.put((byte) 't').putLong(104 ^ Long.MIN_VALUE).put((byte) '_').put((byte) 'r');
    b.putLong(handle ^ Long.MIN_VALUE);
    return UnsafeByteOperations.unsafeWrap(b.array());
  }
}
