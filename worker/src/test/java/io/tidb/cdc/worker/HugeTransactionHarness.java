package io.tidb.cdc.worker;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.Cdcpb.Event.LogType;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.matcher.MatchException;
import io.tidb.cdc.worker.matcher.MatcherConfig;
import io.tidb.cdc.worker.matcher.RegionMatcher;
import io.tidb.cdc.worker.matcher.SnapshotReader;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.sorter.SortedEventSink;
import io.tidb.cdc.worker.sorter.SorterException;
import io.tidb.cdc.worker.sorter.spill.SpillConfig;
import io.tidb.cdc.worker.sorter.spill.SpillStats;
import io.tidb.cdc.worker.sorter.spill.SpillingSorter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One transaction of N rows through matcher and spilling sorter, in a JVM with a small heap: N
 * prewrites, N commits, one resolved ts, every row checked on release. Run by {@code
 * HugeTransactionTest} with {@code -Xmx512m}; by hand:
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -B -q -o test-compile dependency:build-classpath -pl worker \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/worker-cp.txt
 * cd worker &amp;&amp; java -Xmx512m -cp target/test-classes:target/classes:$(cat /tmp/worker-cp.txt) \
 *     io.tidb.cdc.worker.HugeTransactionHarness 1000000 64 64
 * </pre>
 *
 * Arguments: rows, matcher quota MiB, sorter quota MiB. Prints one {@code OK ...} line or exits 1.
 */
public final class HugeTransactionHarness {
  static final int VALUE_BYTES = 100;
  private static final long TABLE_ID = 104;
  private static final long START_TS = 200;
  private static final long COMMIT_TS = 300;

  private HugeTransactionHarness() {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.parseInt(args[0]);
    long matcherQuota = Long.parseLong(args[1]) << 20;
    long sorterQuota = Long.parseLong(args[2]) << 20;
    Path dir = Files.createTempDirectory("huge-txn-");
    try {
      String result = run(rows, matcherQuota, sorterQuota, dir);
      System.out.println(result);
    } catch (AssertionError | MatchException | SorterException e) {
      System.out.println("FAILED " + e);
      System.exit(1);
    } finally {
      deleteTree(dir);
    }
  }

  static String run(int rows, long matcherQuotaBytes, long sorterQuotaBytes, Path dir)
      throws MatchException, SorterException, IOException {
    long t0 = System.nanoTime();
    Checker checker = new Checker(rows);
    MemoryQuota sorterQuota = new MemoryQuota("sorter", sorterQuotaBytes);
    MemoryQuota matcherQuota = new MemoryQuota("matcher", matcherQuotaBytes);
    SnapshotReader reader =
        (key, ts) ->
            ts >= COMMIT_TS ? Optional.of(Bytes.copyOf(valueOf(handleOf(key)))) : Optional.empty();
    SpillStats stats;
    long snapshotReads;
    try (SpillingSorter sorter =
            new SpillingSorter(new SpillConfig(dir, sorterQuota, 16, 1 << 20), 100, checker);
        RegionMatcher matcher =
            new RegionMatcher(
                new MatcherConfig(matcherQuota, reader, OldValueMode.WITH_OLD_VALUE),
                1,
                100,
                e -> {
                  try {
                    sorter.add(e);
                  } catch (SorterException ex) {
                    throw new IllegalStateException(ex);
                  }
                })) {
      matcher.onRow(Cdcpb.Event.Row.newBuilder().setType(LogType.INITIALIZED).build());
      for (int i = 0; i < rows; i++) {
        matcher.onRow(
            Cdcpb.Event.Row.newBuilder()
                .setType(LogType.PREWRITE)
                .setOpType(Cdcpb.Event.Row.OpType.PUT)
                .setStartTs(START_TS)
                .setKey(key(i))
                .setValue(UnsafeByteOperations.unsafeWrap(valueOf(i)))
                .build());
      }
      for (int i = 0; i < rows; i++) {
        matcher.onRow(
            Cdcpb.Event.Row.newBuilder()
                .setType(LogType.COMMIT)
                .setOpType(Cdcpb.Event.Row.OpType.PUT)
                .setStartTs(START_TS)
                .setCommitTs(COMMIT_TS)
                .setKey(key(i))
                .build());
      }
      matcher.onResolvedTs(COMMIT_TS + 1);
      snapshotReads = matcher.stats().snapshotReads();
      stats = sorter.stats();
      sorter.resolve(COMMIT_TS + 1);
    }
    checker.finish();
    try (Stream<Path> left = Files.list(dir)) {
      long files = left.count();
      if (files != 0) {
        throw new AssertionError(files + " run files left in " + dir);
      }
    }
    if (sorterQuota.used() != 0 || matcherQuota.used() != 0) {
      throw new AssertionError("quota not released: " + sorterQuota + " " + matcherQuota);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return String.format(
        "OK rows=%d ms=%d rowsPerSec=%d snapshotReads=%d runsWritten=%d spilledEvents=%d"
            + " peakHeapMiB=%d maxHeapMiB=%d",
        rows,
        ms,
        rows * 1000L / Math.max(1, ms),
        snapshotReads,
        stats.runsWritten(),
        stats.spilledEvents(),
        peakHeapBytes() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  /**
   * A TiDB record key: 't' + table id + "_r" + handle, integers big-endian with the sign flipped.
   */
  static ByteString key(long handle) {
    ByteBuffer b = ByteBuffer.allocate(19);
    b.put((byte) 't').putLong(TABLE_ID ^ Long.MIN_VALUE).put((byte) '_').put((byte) 'r');
    b.putLong(handle ^ Long.MIN_VALUE);
    return UnsafeByteOperations.unsafeWrap(b.array());
  }

  static long handleOf(Bytes key) {
    byte[] k = key.toByteArray();
    return ByteBuffer.wrap(k, 11, 8).getLong() ^ Long.MIN_VALUE;
  }

  static byte[] valueOf(long handle) {
    byte[] v = new byte[VALUE_BYTES];
    Arrays.fill(v, (byte) handle);
    ByteBuffer.wrap(v).putLong(handle);
    return v;
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Checks the release: every row once, in key order, with its value. */
  private static final class Checker implements SortedEventSink {
    private final int rows;
    private long next;
    private long resolved;

    Checker(int rows) {
      this.rows = rows;
    }

    @Override
    public void onEvent(RawKvEvent e) {
      long handle = handleOf(e.key());
      if (handle != next) {
        throw new AssertionError("expected handle " + next + " next, got " + handle);
      }
      if (e.commitTs() != COMMIT_TS || !Arrays.equals(e.value().toByteArray(), valueOf(handle))) {
        throw new AssertionError("wrong row released: " + e);
      }
      next++;
    }

    @Override
    public void onResolved(long resolvedTs) {
      resolved = resolvedTs;
    }

    void finish() {
      if (next != rows || resolved != COMMIT_TS + 1) {
        throw new AssertionError("released " + next + " of " + rows + ", resolved " + resolved);
      }
    }
  }
}
