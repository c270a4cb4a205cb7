package io.tidb.cdc.sim.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.mvcc.Keys;
import io.tidb.cdc.sim.mvcc.MvccException;
import io.tidb.cdc.sim.testing.MiniPuller;
import io.tidb.cdc.sim.testing.Subscription;
import io.tidb.cdc.sim.txn.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Concurrent transactions across regions and stores while regions split, merge and move their
 * leaders and a store restarts, with a re-subscribing client attached. Checks: every committed row
 * is delivered, exactly once per subscription epoch, with its value; nothing else is delivered;
 * within a subscription resolved ts never moves back, and every row committed at or below a
 * resolved ts (and above the subscription's checkpoint, in its range) arrived before that resolved
 * ts.
 */
class EventFeedSoakTest {
  private static final Duration CHAOS = Duration.ofSeconds(8);
  private static final Duration CATCH_UP = Duration.ofSeconds(12);
  private static final int KEYS = 2000;

  /** A committed row: the truth the client's output is checked against. */
  record Truth(ByteString key, ByteString encodedKey, long commitTs, ByteString value) {}

  private static ByteString key(int i) {
    return ByteString.copyFromUtf8(String.format("k%05d", i));
  }

  @Test
  void everyCommittedRowArrivesOncePerSubscriptionEpochWhileTheClusterChanges() throws Exception {
    SimulatorConfig config =
        SimulatorConfig.defaults()
            .withResolvedTsInterval(Duration.ofMillis(50))
            .withSplitKeys(List.of(key(500), key(1000), key(1500)));
    ConcurrentLinkedQueue<Truth> truth = new ConcurrentLinkedQueue<>();
    AtomicInteger aborted = new AtomicInteger();
    AtomicInteger adminOps = new AtomicInteger();
    try (Simulator sim = Simulator.start(config)) {
      long start = sim.txn().currentTs();
      try (MiniPuller puller =
          new MiniPuller(
              sim.pdAddress(), sim.clusterId(), ByteString.EMPTY, ByteString.EMPTY, start)) {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
          long seed = 1000 + w;
          Thread t =
              new Thread(
                  () -> write(sim, new Random(seed), stop, truth, aborted), "soak-writer-" + w);
          t.setDaemon(true);
          writers.add(t);
          t.start();
        }
        chaos(sim, new Random(7), adminOps);
        stop.set(true);
        for (Thread t : writers) {
          t.join(10_000);
          assertThat(t.isAlive()).as("writer %s finished", t.getName()).isFalse();
        }
        long last = sim.txn().currentTs();
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (puller.frontier() < last && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(puller.frontier())
            .as(
                "client caught up; locks %d; errors %s; lagging:%n%s",
                sim.cluster().mvcc().lockCount(), puller.errorKinds(), puller.describeLagging(last))
            .isGreaterThanOrEqualTo(last);
        assertThat(puller.failures()).isEmpty();
        long verifyStart = System.nanoTime();
        verify(puller.subscriptions(), List.copyOf(truth));
        System.out.printf(
            "soak: %d rows committed, %d aborted, %d admin ops, %d subscriptions, errors %s,"
                + " %d broken streams, verified in %d ms%n",
            truth.size(),
            aborted.get(),
            adminOps.get(),
            puller.subscriptions().size(),
            puller.errorKinds(),
            puller.brokenStreams(),
            (System.nanoTime() - verifyStart) / 1_000_000);
        assertThat(adminOps.get()).isGreaterThan(20);
        assertThat(puller.errorCount()).isGreaterThan(5);
        assertThat(puller.brokenStreams()).isGreaterThanOrEqualTo(1);
        assertThat(truth.size()).isGreaterThan(1000);
      }
    }
  }

  private static void write(
      Simulator sim,
      Random rnd,
      AtomicBoolean stop,
      ConcurrentLinkedQueue<Truth> truth,
      AtomicInteger aborted) {
    while (!stop.get()) {
      Transaction t = sim.txn().begin();
      int size = rnd.nextInt(50) == 0 ? 300 : 1 + rnd.nextInt(8); // now and then a large one
      Map<ByteString, ByteString> writes = new HashMap<>();
      for (int i = 0; i < size; i++) {
        ByteString k = key(rnd.nextInt(KEYS));
        if (rnd.nextInt(5) == 0) {
          t.delete(k);
          writes.put(k, ByteString.EMPTY);
        } else {
          ByteString v =
              ByteString.copyFromUtf8(
                  "v" + t.startTs() + "-" + i + (rnd.nextInt(10) == 0 ? "x".repeat(300) : ""));
          t.put(k, v);
          writes.put(k, v);
        }
      }
      try {
        t.prewrite();
        if (rnd.nextInt(10) == 0) {
          t.rollback();
          continue;
        }
        if (rnd.nextInt(5) == 0) {
          Thread.sleep(rnd.nextInt(20)); // hold the locks open across resolved ts ticks
        }
        long commitTs = t.commitPrimary();
        commitSecondariesUntilDone(t);
        writes.forEach((k, v) -> truth.add(new Truth(k, Region.encode(k), commitTs, v)));
      } catch (MvccException e) {
        aborted.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void commitSecondariesUntilDone(Transaction t) throws InterruptedException {
    while (true) {
      try {
        t.commitSecondaries();
        return;
      } catch (IllegalStateException e) {
        Thread.sleep(10); // a region without leader for a moment; the client would retry
      }
    }
  }

  private static void chaos(Simulator sim, Random rnd, AtomicInteger ops)
      throws InterruptedException {
    long end = System.nanoTime() + CHAOS.toNanos();
    boolean stopped = false;
    boolean restarted = false;
    long begin = System.nanoTime();
    while (System.nanoTime() < end) {
      Thread.sleep(40 + rnd.nextInt(60));
      long elapsedMs = (System.nanoTime() - begin) / 1_000_000;
      try {
        if (!stopped && elapsedMs > 2500) {
          sim.admin().stopStore(2);
          stopped = true;
        } else if (stopped && !restarted && elapsedMs > 4500) {
          sim.admin().startStore(2);
          restarted = true;
        } else {
          List<Region> regions = sim.cluster().regions().all();
          int op = rnd.nextInt(3);
          if (op == 0 || regions.size() < 3) {
            sim.admin().split(key(1 + rnd.nextInt(KEYS - 1)));
          } else if (op == 1 && regions.size() > 4) {
            int i = rnd.nextInt(regions.size() - 1);
            sim.admin().merge(regions.get(i + 1).id(), regions.get(i).id());
          } else {
            Region r = regions.get(rnd.nextInt(regions.size()));
            long store = 1 + rnd.nextInt(3);
            if (sim.cluster().store(store).isUp()) {
              sim.admin().transferLeader(r.id(), store);
            }
          }
        }
        ops.incrementAndGet();
      } catch (IllegalArgumentException e) {
        // e.g. splitting at an existing boundary: pick again
      }
    }
  }

  private static int firstAtOrAfter(List<Truth> sorted, ByteString encodedKey) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Keys.ORDER.compare(sorted.get(mid).encodedKey(), encodedKey) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static void verify(List<Subscription> subs, List<Truth> truth) {
    Map<String, Truth> byRow = new HashMap<>();
    for (Truth t : truth) {
      byRow.put(t.key().toStringUtf8() + "@" + t.commitTs(), t);
    }
    List<Truth> sorted = new ArrayList<>(truth);
    sorted.sort((a, b) -> Keys.ORDER.compare(a.encodedKey(), b.encodedKey()));
    Set<String> deliveredAnywhere = new HashSet<>();
    for (Subscription sub : subs) {
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < sub.log.size(); i++) {
        Subscription.Delivered d = sub.log.get(i);
        if (d.key() == null) {
          continue;
        }
        String id = d.key().toStringUtf8() + "@" + d.commitTs();
        assertThat(position.put(id, i))
            .as("row %s delivered twice in one subscription", id)
            .isNull();
        Truth t = byRow.get(id);
        assertThat(t).as("delivered row %s was committed", id).isNotNull();
        assertThat(d.value()).as("value of %s", id).isEqualTo(t.value());
        assertThat(d.op() == Cdcpb.Event.Row.OpType.DELETE).isEqualTo(t.value().isEmpty());
        deliveredAnywhere.add(id);
      }
      // Rows in this subscription's range, above its checkpoint, in commit-ts order.
      List<Truth> mine = new ArrayList<>();
      for (int i = firstAtOrAfter(sorted, sub.start); i < sorted.size(); i++) {
        Truth t = sorted.get(i);
        if (!sub.end.isEmpty() && Keys.ORDER.compare(t.encodedKey(), sub.end) >= 0) {
          break;
        }
        if (t.commitTs() > sub.checkpoint) {
          mine.add(t);
        }
      }
      mine.sort((a, b) -> Long.compare(a.commitTs(), b.commitTs()));
      int next = 0;
      for (int i = 0; i < sub.log.size(); i++) {
        Subscription.Delivered d = sub.log.get(i);
        if (d.key() != null) {
          continue;
        }
        while (next < mine.size() && mine.get(next).commitTs() <= d.resolved()) {
          Truth t = mine.get(next++);
          String id = t.key().toStringUtf8() + "@" + t.commitTs();
          Integer at = position.get(id);
          assertThat(at)
              .as("row %s (<= resolved ts %d) delivered before it", id, d.resolved())
              .isNotNull()
              .isLessThan(i);
        }
      }
    }
    List<String> missing =
        truth.stream()
            .map(t -> t.key().toStringUtf8() + "@" + t.commitTs())
            .filter(id -> !deliveredAnywhere.contains(id))
            .limit(10)
            .toList();
    assertThat(missing).as("committed rows never delivered").isEmpty();
  }
}
