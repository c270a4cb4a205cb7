package io.tidb.cdc.worker.puller.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.sim.cluster.Peer;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.puller.PullerConfig;
import io.tidb.cdc.worker.puller.Subscription;
import io.tidb.cdc.worker.puller.testing.PullerFixture;
import io.tidb.cdc.worker.puller.testing.RecordingConsumer;
import io.tidb.cdc.worker.puller.testing.Truth;
import io.tidb.cdc.worker.puller.testing.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random transactions from two writers while regions split, merge and move leaders, a store stops
 * and restarts and stores turn busy, with two overlapping subscriptions. Every committed change
 * must arrive (duplicates only from re-subscriptions), per-key order must hold after the sorter,
 * resolved ts must never go back and must catch up with the last commit. Bounded: about 10 s of
 * chaos and at most 15 s to catch up.
 */
class PullerSoakTest {
  private static final Logger LOG = LoggerFactory.getLogger(PullerSoakTest.class);
  private static final long TABLE = 100;
  private static final Duration CHAOS = Duration.ofSeconds(10);
  private static final Duration CATCH_UP = Duration.ofSeconds(15);

  @Test
  void everyCommittedChangeArrivesWhileTheClusterChanges() throws Exception {
    try (PullerFixture f =
        new PullerFixture(
            List.of(Workload.keyString(TABLE, 500), Workload.keyString(TABLE, 1000)),
            PullerConfig.defaults().withOldValueMode(OldValueMode.WITH_OLD_VALUE))) {
      Truth truth = new Truth();
      long startTs = f.sim.txn().currentTs();
      KeySpan whole = Workload.tableSpan(TABLE);
      KeySpan part = KeySpan.of(Workload.key(TABLE, 400), Workload.key(TABLE, 1200));
      RecordingConsumer all = new RecordingConsumer(startTs);
      RecordingConsumer some = new RecordingConsumer(startTs);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicInteger adminOps = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        long from = i * 1000L;
        Workload w = new Workload(f.sim, TABLE, truth);
        Random rnd = new Random(100 + i);
        threads.add(
            new Thread(
                () -> {
                  try {
                    while (!stop.get()) {
                      w.randomTxn(rnd, from, from + 1000, 10);
                    }
                  } catch (RuntimeException e) {
                    failure.set(e);
                  }
                },
                "soak-writer-" + i));
      }
      threads.add(new Thread(() -> chaos(f, stop, adminOps, failure), "soak-chaos"));
      try (Subscription s1 = f.puller.subscribe(whole, startTs, all);
          Subscription s2 = f.puller.subscribe(part, startTs, some)) {
        threads.forEach(Thread::start);
        Thread.sleep(CHAOS.toMillis());
        stop.set(true);
        for (Thread t : threads) {
          t.join();
        }
        assertThat(failure.get()).isNull();
        long last = truth.maxCommitTs();
        boolean caughtUp = all.awaitResolved(last, CATCH_UP) && some.awaitResolved(last, CATCH_UP);
        LOG.info(
            "soak: {} changes, {} admin ops, {} + {} rows delivered, metrics {}",
            truth.changes().size(),
            adminOps.get(),
            all.events().size(),
            some.events().size(),
            f.metrics);
        assertThat(caughtUp)
            .as(
                "resolved ts catches up with %d: %d / %d; %s",
                last, all.lastResolved(), some.lastResolved(), f.metrics)
            .isTrue();
        assertThat(all.failures()).isEmpty();
        assertThat(some.failures()).isEmpty();
        assertThat(all.violations()).isEmpty();
        assertThat(some.violations()).isEmpty();
        assertThat(truth.changes()).hasSizeGreaterThan(500);
        assertThat(adminOps.get()).isGreaterThan(10);
        assertThat(truth.check(all.events(), startTs, false, true)).isEmpty();
        assertThat(Truth.checkPerKeyOrder(all.sorted())).isEmpty();
        Truth inPart = new Truth();
        truth.changes().stream().filter(c -> part.contains(c.key())).forEach(inPart::add);
        assertThat(inPart.check(some.events(), startTs, false, true)).isEmpty();
        assertThat(Truth.checkPerKeyOrder(some.sorted())).isEmpty();
        assertThat(f.metrics.errorCounts()).isNotEmpty();
        assertThat(s1.resolvedTs()).isGreaterThanOrEqualTo(last);
        assertThat(s2.resolvedTs()).isGreaterThanOrEqualTo(last);
      } finally {
        stop.set(true);
        for (Thread t : threads) {
          t.join();
        }
      }
    }
  }

  /** Random admin operations until {@code stop}; each store stop is followed by a restart. */
  private static void chaos(
      PullerFixture f, AtomicBoolean stop, AtomicInteger ops, AtomicReference<Throwable> failure) {
    Random rnd = new Random(42);
    try {
      while (!stop.get()) {
        Thread.sleep(100 + rnd.nextInt(150));
        Region r = f.sim.cluster().regions().locate(Workload.keyString(TABLE, rnd.nextInt(2000)));
        try {
          switch (rnd.nextInt(10)) {
            case 0, 1, 2 -> f.sim.admin().split(Workload.keyString(TABLE, rnd.nextInt(2000)));
            case 3, 4 -> {
              var next = f.sim.cluster().regions().next(r);
              if (next.isPresent()) {
                f.sim.admin().merge(r.id(), next.get().id());
              }
            }
            case 5, 6, 7 -> {
              List<Peer> others =
                  r.peers().stream().filter(p -> p.storeId() != r.leader().storeId()).toList();
              f.sim
                  .admin()
                  .transferLeader(r.id(), others.get(rnd.nextInt(others.size())).storeId());
            }
            case 8 -> {
              long store = 1 + rnd.nextInt(3);
              f.sim.admin().stopStore(store);
              Thread.sleep(200 + rnd.nextInt(300));
              f.sim.admin().startStore(store);
            }
            default -> f.sim.faults().storeBusy(1 + rnd.nextInt(3), 1 + rnd.nextInt(3));
          }
          ops.incrementAndGet();
        } catch (IllegalArgumentException | IllegalStateException e) {
          // A boundary that already exists, a leader on a stopped store: skip this one.
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.set(e);
    }
  }
}
