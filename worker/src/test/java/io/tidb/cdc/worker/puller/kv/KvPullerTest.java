package io.tidb.cdc.worker.puller.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.puller.PullerConfig;
import io.tidb.cdc.worker.puller.Subscription;
import io.tidb.cdc.worker.puller.testing.PullerFixture;
import io.tidb.cdc.worker.puller.testing.RecordingConsumer;
import io.tidb.cdc.worker.puller.testing.Truth;
import io.tidb.cdc.worker.puller.testing.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The puller against the simulator without faults: what arrives, how often, in which order. */
class KvPullerTest {
  private static final long TABLE = 100;
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static PullerFixture fixture(OldValueMode mode) throws Exception {
    return new PullerFixture(
        List.of(
            Workload.keyString(TABLE, 250),
            Workload.keyString(TABLE, 500),
            Workload.keyString(TABLE, 750)),
        PullerConfig.defaults().withOldValueMode(mode));
  }

  @Test
  void deliversEveryCommittedRowOnceWithOldValuesAndForwardsResolvedTs() throws Exception {
    try (PullerFixture f = fixture(OldValueMode.WITH_OLD_VALUE)) {
      Truth truth = new Truth();
      Workload w = new Workload(f.sim, TABLE, truth);
      Random rnd = new Random(1);
      long startTs = f.sim.txn().currentTs();
      // Before the subscription: found by the incremental scan.
      for (int i = 0; i < 50; i++) {
        w.randomTxn(rnd, 0, 1000, 5);
      }
      RecordingConsumer consumer = new RecordingConsumer(startTs);
      Subscription sub = f.puller.subscribe(Workload.tableSpan(TABLE), startTs, consumer);
      // During and after: live events.
      for (int i = 0; i < 300; i++) {
        w.randomTxn(rnd, 0, 1000, 8);
        if (i % 50 == 0) {
          w.rolledBack(1001 + i);
        }
      }
      long last = truth.maxCommitTs();

      assertThat(consumer.awaitResolved(last, WAIT)).as("resolved ts reaches %d", last).isTrue();
      assertThat(consumer.violations()).isEmpty();
      assertThat(truth.check(consumer.events(), startTs, true, true)).isEmpty();
      assertThat(Truth.checkPerKeyOrder(consumer.sorted())).isEmpty();
      assertThat(consumer.sorted()).hasSameSizeAs(consumer.events());
      assertThat(consumer.resolved()).isSorted();
      assertThat(sub.resolvedTs()).isGreaterThanOrEqualTo(last);
      assertThat(f.metrics.regionsInitialized()).isEqualTo(4);
      assertThat(f.metrics.errorCounts()).isEmpty();
      assertThat(f.puller.openStreams()).isBetween(1, 3);
      sub.close();
    }
  }

  @Test
  void rowsAtOrBelowTheStartTsAreNotDelivered() throws Exception {
    try (PullerFixture f = fixture(OldValueMode.WITHOUT_OLD_VALUE)) {
      Truth truth = new Truth();
      Workload w = new Workload(f.sim, TABLE, truth);
      long before =
          w.commit(Map.of(1L, Optional.of("old"), 300L, Optional.of("old"))).orElseThrow();
      long after = w.commit(Map.of(1L, Optional.of("new"), 600L, Optional.empty())).orElseThrow();
      RecordingConsumer consumer = new RecordingConsumer(before);
      try (Subscription sub = f.puller.subscribe(Workload.tableSpan(TABLE), before, consumer)) {
        assertThat(consumer.awaitResolved(after, WAIT)).isTrue();
        assertThat(consumer.events())
            .extracting(RawKvEvent::commitTs)
            .containsOnly(after)
            .hasSize(2);
        assertThat(truth.check(consumer.events(), before, true, false)).isEmpty();
        assertThat(sub.span()).isEqualTo(Workload.tableSpan(TABLE));
      }
    }
  }

  @Test
  void spansSharingARegionEachGetOnlyTheirOwnRows() throws Exception {
    try (PullerFixture f = fixture(OldValueMode.WITHOUT_OLD_VALUE)) {
      Truth truth100 = new Truth();
      Truth truth101 = new Truth();
      Workload w100 = new Workload(f.sim, TABLE, truth100);
      Workload w101 = new Workload(f.sim, 101, truth101);
      long startTs = f.sim.txn().currentTs();
      RecordingConsumer c100 = new RecordingConsumer(startTs);
      RecordingConsumer c101 = new RecordingConsumer(startTs);
      RecordingConsumer cBoth = new RecordingConsumer(startTs);
      // Table 101 lies in the last region with table 100's tail; the third span covers both.
      KeySpan both = KeySpan.of(Workload.key(TABLE, 900), Workload.key(101, 100));
      try (Subscription s1 = f.puller.subscribe(Workload.tableSpan(TABLE), startTs, c100);
          Subscription s2 = f.puller.subscribe(Workload.tableSpan(101), startTs, c101);
          Subscription s3 = f.puller.subscribe(both, startTs, cBoth)) {
        Random rnd = new Random(2);
        for (int i = 0; i < 100; i++) {
          w100.randomTxn(rnd, 800, 1000, 3);
          w101.randomTxn(rnd, 0, 200, 3);
        }
        long last = Math.max(truth100.maxCommitTs(), truth101.maxCommitTs());
        assertThat(c100.awaitResolved(last, WAIT)).isTrue();
        assertThat(c101.awaitResolved(last, WAIT)).isTrue();
        assertThat(cBoth.awaitResolved(last, WAIT)).isTrue();
        assertThat(truth100.check(c100.events(), startTs, true, false)).isEmpty();
        assertThat(truth101.check(c101.events(), startTs, true, false)).isEmpty();
        List<RawKvEvent> inBoth = cBoth.events();
        assertThat(inBoth).allMatch(e -> both.contains(e.key()));
        long expected =
            truth100.changes().stream().filter(c -> both.contains(c.key())).count()
                + truth101.changes().stream().filter(c -> both.contains(c.key())).count();
        assertThat(inBoth).hasSize((int) expected);
        assertThat(f.metrics.errorCounts()).isEmpty();
        assertThat(s1.resolvedTs()).isGreaterThanOrEqualTo(last);
        assertThat(s2.isClosed()).isFalse();
        assertThat(s3.startTs()).isEqualTo(startTs);
      }
    }
  }

  @Test
  void closingASubscriptionStopsDeliveryAndReleasesItsRegions() throws Exception {
    try (PullerFixture f = fixture(OldValueMode.WITHOUT_OLD_VALUE)) {
      Workload w = new Workload(f.sim, TABLE, new Truth());
      long startTs = f.sim.txn().currentTs();
      RecordingConsumer consumer = new RecordingConsumer(startTs);
      Subscription sub = f.puller.subscribe(Workload.tableSpan(TABLE), startTs, consumer);
      long ts = w.commit(Map.of(5L, Optional.of("x"))).orElseThrow();
      assertThat(consumer.awaitResolved(ts, WAIT)).isTrue();
      assertThat(f.sim.cdc().subscriptionCount()).isEqualTo(4);

      sub.close();
      int seen = consumer.events().size();
      int resolvedSeen = consumer.resolved().size();
      w.commit(Map.of(6L, Optional.of("y")));
      Thread.sleep(300);

      assertThat(sub.isClosed()).isTrue();
      assertThat(consumer.events()).hasSize(seen);
      assertThat(consumer.resolved()).hasSize(resolvedSeen);
      assertThat(f.puller.spanCount()).isZero();
      assertThat(f.puller.liveRegions()).isZero();
      assertThat(f.puller.openStreams()).isZero();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (f.sim.cdc().subscriptionCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(f.sim.cdc().subscriptionCount()).isZero();
    }
  }

  @Test
  void closingThePullerEndsItsThreadsAndRefusesNewSubscriptions() throws Exception {
    PullerFixture f = fixture(OldValueMode.WITHOUT_OLD_VALUE);
    try {
      long startTs = f.sim.txn().currentTs();
      RecordingConsumer consumer = new RecordingConsumer(startTs);
      f.puller.subscribe(Workload.tableSpan(TABLE), startTs, consumer);
      long ts =
          new Workload(f.sim, TABLE, new Truth())
              .commit(Map.of(1L, Optional.of("a")))
              .orElseThrow();
      assertThat(consumer.awaitResolved(ts, WAIT)).isTrue();
    } finally {
      f.close();
    }
    assertThat(pullerThreads()).isEmpty();
    assertThatThrownBy(
            () -> f.puller.subscribe(Workload.tableSpan(TABLE), 1, new RecordingConsumer(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aConsumerThatThrowsEndsOnlyItsOwnSubscription() throws Exception {
    try (PullerFixture f = fixture(OldValueMode.WITHOUT_OLD_VALUE)) {
      Truth truth = new Truth();
      Workload w = new Workload(f.sim, TABLE, truth);
      long startTs = f.sim.txn().currentTs();
      RecordingConsumer healthy = new RecordingConsumer(startTs);
      RecordingConsumer broken =
          new RecordingConsumer(startTs) {
            @Override
            public synchronized void onEvent(RawKvEvent event) {
              super.onEvent(event);
              throw new IllegalStateException("sink is full");
            }
          };
      Subscription bad = f.puller.subscribe(Workload.tableSpan(TABLE), startTs, broken);
      try (Subscription good = f.puller.subscribe(Workload.tableSpan(TABLE), startTs, healthy)) {
        w.commit(Map.of(1L, Optional.of("a"), 2L, Optional.of("b")));
        long last = w.commit(Map.of(3L, Optional.of("c"))).orElseThrow();
        assertThat(healthy.awaitResolved(last, WAIT)).isTrue();
        assertThat(truth.check(healthy.events(), startTs, true, false)).isEmpty();
        assertThat(broken.failures())
            .singleElement()
            .satisfies(
                e ->
                    assertThat(e)
                        .hasMessageContaining("consumer")
                        .hasRootCauseMessage("sink is full"));
        assertThat(broken.events()).hasSize(1);
        assertThat(broken.resolved()).isEmpty();
        assertThat(bad.isClosed()).isTrue();
        assertThat(f.puller.spanCount()).isEqualTo(1);
        assertThat(good.isClosed()).isFalse();
      }
    }
  }

  @Test
  void refusesEmptySpansAndNegativeTs() throws Exception {
    try (PullerFixture f = fixture(OldValueMode.WITHOUT_OLD_VALUE)) {
      Bytes k = Workload.key(TABLE, 1);
      assertThatThrownBy(() -> f.puller.subscribe(KeySpan.of(k, k), 1, new RecordingConsumer(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty span");
      assertThatThrownBy(
              () -> f.puller.subscribe(Workload.tableSpan(TABLE), -1, new RecordingConsumer(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("63 bits");
    }
  }

  static List<String> pullerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("ticdc-puller"))
        .toList();
  }
}
