package io.tidb.cdc.worker.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.DrainRequest;
import io.tidb.cdc.coord.TablePosition;
import io.tidb.cdc.testsupport.servers.EtcdServer;
import io.tidb.cdc.testsupport.servers.TestServersExtension;
import io.tidb.cdc.worker.standalone.SimUpstream;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture losing its lease, a capture draining (the SIGTERM path), and how far the reported
 * checkpoint lags with a short report interval; real etcd and the simulator, the test plays the
 * operator.
 */
@ExtendWith(TestServersExtension.class)
class CaptureLeaseAndDrainTest {
  @TempDir Path tmp;

  /** Inserts into shop.a and shop.b, one transaction per id, until stopped. */
  private static final class Writer implements AutoCloseable {
    final AtomicLong ids = new AtomicLong();
    final List<Throwable> errors = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Writer(SimUpstream up, long pauseMillis) {
      thread =
          new Thread(
              () -> {
                try {
                  while (running.get()) {
                    long i = ids.incrementAndGet();
                    up.sql(
                        ("BEGIN; INSERT INTO shop.a (id, v) VALUES (%d, %d);"
                                + " INSERT INTO shop.b (id, v) VALUES (%d, %d); COMMIT;")
                            .formatted(i, i, i, i));
                    Thread.sleep(pauseMillis);
                  }
                } catch (Exception e) {
                  errors.add(e);
                }
              });
      thread.start();
    }

    /** Stops writing and waits for the last transaction. */
    void stop() {
      running.set(false);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      stop();
    }
  }

  private static void createTables(SimUpstream up) throws Exception {
    up.sql(
        """
        CREATE DATABASE shop;
        CREATE TABLE shop.a (id INT PRIMARY KEY, v INT);
        CREATE TABLE shop.b (id INT PRIMARY KEY, v INT);
        """);
  }

  private static void assertNothingLost(SimUpstream up, Path out, Writer w, long last)
      throws Exception {
    assertThat(w.errors).isEmpty();
    for (String t : List.of("a", "b")) {
      TableVerdict v = up.verify(out, "shop", t, List.of("id"), last);
      assertThat(v.consistent()).as(v.toString()).isTrue();
      assertThat(v.upstreamRows()).isEqualTo(w.ids.get());
    }
  }

  private static String sink(Path out) {
    return "file://" + out + "?protocol=canal-json";
  }

  @Test
  void aRevokedLeaseStopsTheTablesAtOnceAndTheCaptureComesBack(EtcdServer etcd) throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "lease", up, tmp);
        // A 9 s lease is kept alive every 3 s: stopping within 1.5 s needs the watch.
        Capture c1 =
            Capture.start(op.config("c1", tmp.resolve("d1")).withLeaseTtl(Duration.ofSeconds(9)))) {
      createTables(up);
      long startTs = up.now();
      Path out = tmp.resolve("out");
      op.putInfo(1, CaptureFixture.changefeedDoc("lease", sink(out), startTs));
      long a = op.tableId("shop.a");
      long b = op.tableId("shop.b");
      op.assign("c1", a, b);
      long last;
      try (Writer w = new Writer(up, 20)) {
        CaptureFixture.await(
            "positions move", () -> op.position(a), p -> p.checkpointTs() > startTs);
        long lease = op.leaseOf("c1");
        op.revoke(lease);
        long revokedAt = System.currentTimeMillis();
        // The capture key is gone with the lease: the capture notices through its watch and
        // stops every table before it registers again.
        CaptureFixture.await(
            "c1 stopped its tables",
            () -> Optional.of(c1.status().tables()),
            m -> m.isEmpty(),
            3_000);
        long stoppedAfter = System.currentTimeMillis() - revokedAt;
        assertThat(stoppedAfter).as("ms from the revoke to the tables stopped").isLessThan(1500);
        CaptureFixture.await(
            "c1 registered under a new lease",
            () -> Optional.of(op.leaseOf("c1")),
            l -> l != 0 && l != lease,
            10_000);
        op.assign("c1", a, b); // the operator places the tables again (a new epoch)
        CaptureFixture.await(
            "c1 writes positions again",
            () -> op.position(a),
            p -> "c1".equals(p.capture()) && p.epoch() == 2,
            10_000);
        Thread.sleep(500);
        w.stop();
        last = up.now();
        op.awaitProgress(1, "Normal", last);
        assertThat(c1.status().maintainerOf()).containsExactly("default/cf");
        assertNothingLost(up, out, w, last);
      }
    }
  }

  @Test
  void drainWaitsUntilTheTablesMovedAwayAndReleasesThem(EtcdServer etcd) throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "drain", up, tmp)) {
      createTables(up);
      long startTs = up.now();
      Path out = tmp.resolve("out");
      Capture c1 =
          Capture.start(
              op.config("c1", tmp.resolve("d1")).withDrainTimeout(Duration.ofSeconds(20)));
      try (Capture c2 = Capture.start(op.config("c2", tmp.resolve("d2")))) {
        op.putInfo(1, CaptureFixture.changefeedDoc("drain", sink(out), startTs));
        long a = op.tableId("shop.a");
        long b = op.tableId("shop.b");
        op.assign("c1", a);
        op.assign("c2", b);
        try (Writer w = new Writer(up, 20)) {
          CaptureFixture.await(
              "c1 reports shop.a",
              () -> op.position(a),
              p -> p.checkpointTs() > startTs && "c1".equals(p.capture()));
          CompletableFuture<Boolean> drained = new CompletableFuture<>();
          Thread sigterm =
              new Thread(
                  () -> {
                    try {
                      drained.complete(c1.drain());
                    } catch (Throwable e) {
                      drained.completeExceptionally(e);
                    }
                  });
          sigterm.start();
          DrainRequest request =
              CaptureFixture.await(
                  "drain/c1 written",
                  () -> op.get(op.layout.drain("c1"), DrainRequest.class),
                  r -> true);
          assertThat(request.deadlineMillis() - request.requestedAtMillis()).isEqualTo(20_000);
          Thread.sleep(500);
          assertThat(drained).as("still waiting for its tables to move").isNotDone();
          assertThat(c1.status().tables()).containsKey("default/cf");
          // The operator moves shop.a: take it away, wait for the release, give it to c2.
          op.assign("c1");
          TablePosition released =
              CaptureFixture.await(
                  "shop.a released", () -> op.position(a), p -> p.capture() == null);
          assertThat(released.checkpointTs()).isGreaterThan(startTs);
          op.assign("c2", a, b);
          assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
          assertThat(op.exists(op.layout.capture("c1"))).as("c1 left").isFalse();
          CaptureFixture.await(
              "c2 maintains the changefeed",
              () -> Optional.of(c2.status().maintainerOf()),
              m -> m.contains("default/cf"));
          Thread.sleep(500);
          w.stop();
          long last = up.now();
          op.awaitProgress(1, "Normal", last);
          assertThat(op.position(a).map(TablePosition::capture)).contains("c2");
          assertNothingLost(up, out, w, last);
        }
      } finally {
        c1.close();
      }
    }
  }

  @Test
  void aShortReportIntervalKeepsTheCheckpointLagWellUnderASecond(EtcdServer etcd) throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "lag", up, tmp);
        Capture c1 =
            Capture.start(
                op.config("c1", tmp.resolve("d1")).withReportInterval(Duration.ofMillis(200)))) {
      createTables(up);
      long startTs = up.now();
      Path out = tmp.resolve("out");
      op.putInfo(1, CaptureFixture.changefeedDoc("lag", sink(out), startTs));
      op.assign("c1", op.tableId("shop.a"), op.tableId("shop.b"));
      try (Writer w = new Writer(up, 50)) {
        op.awaitProgress(1, "Normal", up.now());
        // Lag as the operator computes it: wall clock minus the checkpoint's physical time.
        List<Long> lags = new ArrayList<>();
        long until = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < until) {
          ChangefeedProgress p = op.progress().orElseThrow();
          lags.add(System.currentTimeMillis() - (p.checkpointTs() >>> 18));
          Thread.sleep(50);
        }
        lags.sort(null);
        long median = lags.get(lags.size() / 2);
        long p90 = lags.get(lags.size() * 9 / 10);
        assertThat(median).as("median lag ms of %s", lags).isLessThan(700);
        assertThat(p90).as("p90 lag ms of %s", lags).isLessThan(1000);
        assertThat(w.ids.get()).isGreaterThan(10);
        assertThat(c1.status().tables().get("default/cf")).hasSize(2);
      }
    }
  }
}
