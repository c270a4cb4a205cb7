package io.tidb.cdc.worker.puller.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.matcher.SnapshotReader;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.puller.PullerConfig;
import io.tidb.cdc.worker.puller.RegionErrorKind;
import io.tidb.cdc.worker.puller.Subscription;
import io.tidb.cdc.worker.puller.testing.PullerFixture;
import io.tidb.cdc.worker.puller.testing.RecordingConsumer;
import io.tidb.cdc.worker.puller.testing.Truth;
import io.tidb.cdc.worker.puller.testing.Workload;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Snapshot reads through TiKV's KvGet, alone and as the matcher's fallback for evicted rows. */
class KvSnapshotReaderTest {
  private static final long TABLE = 100;

  private static Bytes v(String s) {
    return Bytes.copyOf(s.getBytes());
  }

  @Test
  void readsTheVersionVisibleAtATsThroughRegionChanges() throws Exception {
    try (PullerFixture f =
        new PullerFixture(List.of(Workload.keyString(TABLE, 500)), PullerConfig.defaults())) {
      Workload w = new Workload(f.sim, TABLE, new Truth());
      long c1 = w.commit(Map.of(7L, Optional.of("one"))).orElseThrow();
      long c2 = w.commit(Map.of(7L, Optional.of("two"))).orElseThrow();
      long c3 = w.commit(Map.of(7L, Optional.empty())).orElseThrow();
      SnapshotReader reader = f.puller.snapshotReader();
      Bytes key = Workload.key(TABLE, 7);

      assertThat(reader.read(key, c1 - 1)).isEmpty();
      assertThat(reader.read(key, c1)).contains(v("one"));
      assertThat(reader.read(key, c2 - 1)).contains(v("one"));
      assertThat(reader.read(key, c2)).contains(v("two"));
      assertThat(reader.read(key, c3)).isEmpty();

      // The cached leader is gone, then the region splits, then its store is busy.
      Region r = f.sim.cluster().regions().locate(Workload.keyString(TABLE, 7));
      long other =
          r.peers().stream()
              .map(p -> p.storeId())
              .filter(s -> s != r.leader().storeId())
              .findFirst()
              .orElseThrow();
      f.sim.admin().transferLeader(r.id(), other);
      assertThat(reader.read(key, c2)).contains(v("two"));
      f.sim.admin().split(Workload.keyString(TABLE, 5));
      assertThat(reader.read(key, c1)).contains(v("one"));
      f.sim.faults().storeBusy(other, 2);
      assertThat(reader.read(key, c2)).contains(v("two"));
      assertThat(f.metrics.errors(RegionErrorKind.SERVER_IS_BUSY)).isEqualTo(2);
    }
  }

  @Test
  void readsManyKeysAtOnceAcrossRegionsAndRetriesABusyStore() throws Exception {
    try (PullerFixture f =
        new PullerFixture(List.of(Workload.keyString(TABLE, 500)), PullerConfig.defaults())) {
      Workload w = new Workload(f.sim, TABLE, new Truth());
      Map<Long, Optional<String>> rows = new LinkedHashMap<>();
      for (long h = 0; h < 3000; h++) {
        rows.put(h, h % 7 == 0 ? Optional.empty() : Optional.of("v" + h));
      }
      long c = w.commit(rows).orElseThrow();
      // 3,200 keys: two regions, more than one KvBatchGet each; the last 200 never existed.
      List<Bytes> keys = LongStream.range(0, 3200).mapToObj(h -> Workload.key(TABLE, h)).toList();
      SnapshotReader reader = f.puller.snapshotReader();
      Region r = f.sim.cluster().regions().locate(Workload.keyString(TABLE, 7));
      f.sim.faults().storeBusy(r.leader().storeId(), 1);

      Map<Bytes, Bytes> got = reader.readAll(keys, c);

      assertThat(f.metrics.errors(RegionErrorKind.SERVER_IS_BUSY)).isEqualTo(1);
      assertThat(got).hasSize(3000 - 429);
      for (long h = 0; h < 3200; h++) {
        Bytes value = got.get(Workload.key(TABLE, h));
        if (h < 3000 && h % 7 != 0) {
          assertThat(value).as("key %d", h).isEqualTo(v("v" + h));
        } else {
          assertThat(value).as("key %d", h).isNull();
        }
      }
      assertThat(reader.readAll(keys, c - 1)).isEmpty();
    }
  }

  @Test
  void rowsOfATransactionTooBigForTheMatcherQuotaAreReadBackWithOldValues() throws Exception {
    PullerConfig config =
        PullerConfig.defaults()
            .withOldValueMode(OldValueMode.WITH_OLD_VALUE)
            .withMatcherQuota(new MemoryQuota("tiny-matcher", 4096));
    try (PullerFixture f = new PullerFixture(List.of(Workload.keyString(TABLE, 500)), config)) {
      Truth truth = new Truth();
      Workload w = new Workload(f.sim, TABLE, truth);
      Map<Long, Optional<String>> first = new LinkedHashMap<>();
      Map<Long, Optional<String>> second = new LinkedHashMap<>();
      for (long h = 0; h < 1000; h++) {
        first.put(h, Optional.of("first-" + h + "-" + "x".repeat(100)));
        second.put(h, h % 10 == 0 ? Optional.empty() : Optional.of("second-" + h));
      }
      long startTs = f.sim.txn().currentTs();
      RecordingConsumer consumer = new RecordingConsumer(startTs);
      try (Subscription sub = f.puller.subscribe(Workload.tableSpan(TABLE), startTs, consumer)) {
        Thread.sleep(300); // live events, not the incremental scan
        w.commit(first).orElseThrow();
        long last = w.commit(second).orElseThrow();
        assertThat(consumer.awaitResolved(last, Duration.ofSeconds(20))).isTrue();
        assertThat(consumer.violations()).isEmpty();
        assertThat(truth.check(consumer.events(), startTs, true, true)).isEmpty();
        assertThat(consumer.events()).hasSize(2000);
        assertThat(config.matcherQuota().used()).isLessThan(64 * 1024);
        // Most of the first transaction was evicted and read back (value and old value).
        assertThat(f.puller.snapshotReads()).isGreaterThan(500);
        assertThat(sub.resolvedTs()).isGreaterThanOrEqualTo(last);
      }
    }
  }
}
