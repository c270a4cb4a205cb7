package io.tidb.cdc.worker.puller.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.puller.PullerConfig;
import io.tidb.cdc.worker.puller.RegionErrorKind;
import io.tidb.cdc.worker.puller.Subscription;
import io.tidb.cdc.worker.puller.testing.PullerFixture;
import io.tidb.cdc.worker.puller.testing.RecordingConsumer;
import io.tidb.cdc.worker.puller.testing.Truth;
import io.tidb.cdc.worker.puller.testing.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Each region error path while transactions keep committing: the puller recovers, counts the error
 * by kind, and every committed row still arrives (duplicates allowed only from the
 * re-subscription), in per-key order after the sorter, with resolved ts never going back.
 */
class RegionErrorsTest {
  private static final long TABLE = 100;
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** What a test does to the cluster while the load runs. */
  private interface Chaos {
    void run(PullerFixture f) throws Exception;
  }

  private static PullerFixture fixture() throws Exception {
    return new PullerFixture(
        List.of(
            Workload.keyString(TABLE, 250),
            Workload.keyString(TABLE, 500),
            Workload.keyString(TABLE, 750)),
        PullerConfig.defaults().withOldValueMode(OldValueMode.WITH_OLD_VALUE));
  }

  /**
   * Subscribes the table, runs {@code chaos} under load, then checks the delivery and that {@code
   * regionsAfter} region attempts are live.
   */
  private static void underLoad(PullerFixture f, int regionsAfter, Chaos chaos) throws Exception {
    Truth truth = new Truth();
    Workload w = new Workload(f.sim, TABLE, truth);
    long startTs = f.sim.txn().currentTs();
    RecordingConsumer consumer = new RecordingConsumer(startTs);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> writerError = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              Random rnd = new Random(7);
              try {
                while (!stop.get()) {
                  w.randomTxn(rnd, 0, 1000, 6);
                }
              } catch (RuntimeException e) {
                writerError.set(e);
              }
            },
            "test-writer");
    try (Subscription sub = f.puller.subscribe(Workload.tableSpan(TABLE), startTs, consumer)) {
      writer.start();
      // The errors are meant for live subscriptions: let all four regions finish their scans.
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (f.metrics.regionsInitialized() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(f.metrics.regionsInitialized()).isGreaterThanOrEqualTo(4);
      chaos.run(f);
      Thread.sleep(300);
      stop.set(true);
      writer.join();
      assertThat(writerError.get()).isNull();
      long last = truth.maxCommitTs();
      assertThat(consumer.awaitResolved(last, WAIT))
          .as(
              "resolved ts reaches %d (at %d); metrics %s",
              last, consumer.lastResolved(), f.metrics)
          .isTrue();
      assertThat(consumer.failures()).isEmpty();
      assertThat(consumer.violations()).isEmpty();
      assertThat(truth.changes()).hasSizeGreaterThan(50);
      assertThat(truth.check(consumer.events(), startTs, false, true)).isEmpty();
      assertThat(Truth.checkPerKeyOrder(consumer.sorted())).isEmpty();
      assertThat(sub.resolvedTs()).isGreaterThanOrEqualTo(last);
      assertThat(f.puller.liveRegions()).as("one live attempt per region").isEqualTo(regionsAfter);
    } finally {
      stop.set(true);
      writer.join();
    }
  }

  private static Region regionOf(PullerFixture f, long handle) {
    return f.sim.cluster().regions().locate(Workload.keyString(TABLE, handle));
  }

  private static long otherStore(Region r) {
    return r.peers().stream()
        .map(p -> p.storeId())
        .filter(s -> s != r.leader().storeId())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void splitsResubscribeTheChildrenFromTheParentsResolvedTs() throws Exception {
    try (PullerFixture f = fixture()) {
      underLoad(
          f,
          7,
          x -> {
            x.sim.admin().split(Workload.keyString(TABLE, 100));
            Thread.sleep(100);
            x.sim.admin().split(Workload.keyString(TABLE, 600));
            x.sim.admin().split(Workload.keyString(TABLE, 650));
          });
      // A split of a region not yet re-subscribed needs no error.
      assertThat(f.metrics.errors(RegionErrorKind.EPOCH_NOT_MATCH)).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void mergesResubscribeTheMergedRegion() throws Exception {
    try (PullerFixture f = fixture()) {
      underLoad(
          f,
          2,
          x -> {
            Region a = regionOf(x, 300);
            Region b = regionOf(x, 600);
            x.sim.admin().merge(a.id(), b.id());
            Thread.sleep(100);
            Region c = regionOf(x, 100);
            Region d = regionOf(x, 300);
            x.sim.admin().merge(d.id(), c.id());
          });
      assertThat(f.metrics.errors(RegionErrorKind.EPOCH_NOT_MATCH)).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void notLeaderRetriesOnTheNewLeader() throws Exception {
    try (PullerFixture f = fixture()) {
      underLoad(
          f,
          4,
          x -> {
            for (long h : new long[] {100, 300, 600, 900}) {
              Region r = regionOf(x, h);
              x.sim.admin().transferLeader(r.id(), otherStore(r));
              Thread.sleep(50);
            }
          });
      assertThat(f.metrics.errors(RegionErrorKind.NOT_LEADER)).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void aStoppedAndRestartedStoreIsSurvived() throws Exception {
    try (PullerFixture f = fixture()) {
      underLoad(
          f,
          4,
          x -> {
            long store = regionOf(x, 300).leader().storeId();
            x.sim.admin().stopStore(store);
            Thread.sleep(300);
            x.sim.admin().startStore(store);
            Thread.sleep(200);
            // Leaders move back to the restarted store: new streams to it.
            for (long h : new long[] {100, 300, 600, 900}) {
              Region r = regionOf(x, h);
              if (r.leader().storeId() != store) {
                x.sim.admin().transferLeader(r.id(), store);
              }
            }
          });
      long broken =
          f.metrics.errors(RegionErrorKind.STREAM_BROKEN)
              + f.metrics.errors(RegionErrorKind.NOT_LEADER);
      assertThat(broken).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aBusyStoreIsBackedOffAndRetried() throws Exception {
    try (PullerFixture f = fixture()) {
      underLoad(
          f,
          4,
          x -> {
            Region r = regionOf(x, 300);
            long target = otherStore(r);
            // The next five registrations on the target are refused.
            x.sim.faults().storeBusy(target, 5);
            x.sim.admin().transferLeader(r.id(), target);
          });
      assertThat(f.metrics.errors(RegionErrorKind.NOT_LEADER)).isEqualTo(1);
      assertThat(f.metrics.errors(RegionErrorKind.REGION_NOT_FOUND)).isEqualTo(5);
    }
  }
}
