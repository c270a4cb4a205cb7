package io.tidb.cdc.worker.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.TablePosition;
import io.tidb.cdc.testsupport.servers.EtcdServer;
import io.tidb.cdc.testsupport.servers.TestServersExtension;
import io.tidb.cdc.worker.standalone.FileSinkOrderCheck;
import io.tidb.cdc.worker.standalone.SimUpstream;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two captures in this JVM against real etcd and the simulator; the test plays the operator by
 * writing info and assignments.
 */
@ExtendWith(TestServersExtension.class)
class CaptureModeTest {
  @TempDir Path tmp;

  @Test
  void twoCapturesReplicateDdlInOrderAndATableMovesWithoutLoss(EtcdServer etcd) throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "move", up, tmp)) {
      up.sql(
          """
          CREATE DATABASE shop;
          CREATE TABLE shop.a (id INT PRIMARY KEY, v INT);
          CREATE TABLE shop.b (id INT PRIMARY KEY, v VARCHAR(20));
          """);
      long startTs = up.now(); // every listed table is placed before a DDL can wait on it
      Path out = tmp.resolve("out");
      try (Capture c1 = Capture.start(op.config("c1", tmp.resolve("d1")));
          Capture c2 = Capture.start(op.config("c2", tmp.resolve("d2")))) {
        op.putInfo(
            1,
            CaptureFixture.changefeedDoc(
                "move", "file://" + out + "?protocol=canal-json", startTs));
        long a = op.tableId("shop.a");
        long b = op.tableId("shop.b");
        op.assign("c1", a);
        op.assign("c2", b);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ids = new AtomicLong();
        List<Throwable> errors = new ArrayList<>();
        Thread writer =
            new Thread(
                () -> {
                  try {
                    while (running.get()) {
                      long i = ids.incrementAndGet();
                      up.sql(
                          ("BEGIN; INSERT INTO shop.a (id, v) VALUES (%d, %d);"
                                  + " INSERT INTO shop.b (id, v) VALUES (%d, 'x%d'); COMMIT;")
                              .formatted(i, i, i, i));
                      if (i % 10 == 0) {
                        up.sql("UPDATE shop.a SET v = v + 1 WHERE id = %d".formatted(i - 5));
                      }
                    }
                  } catch (Exception e) {
                    errors.add(e);
                  }
                });
        writer.start();
        try {
          CaptureFixture.await(
              "positions of both tables", () -> op.position(b), p -> p.checkpointTs() > startTs);
          up.sql("ALTER TABLE shop.a ADD COLUMN w INT DEFAULT 7");
          up.sql("CREATE TABLE shop.c (id INT PRIMARY KEY, note VARCHAR(10))");
          long c = op.tableId("shop.c");
          op.assign("c2", b, c);
          up.sql("INSERT INTO shop.c VALUES (1, 'one'), (2, 'two')");
          // Move shop.a from c1 to c2 in two phases: take it away, wait for the release.
          op.assign("c1");
          TablePosition released =
              CaptureFixture.await(
                  "shop.a released", () -> op.position(a), p -> p.capture() == null);
          assertThat(c1.status().tables()).doesNotContainKey("default/cf");
          op.assign("c2", a, b, c);
          up.sql("ALTER TABLE shop.b ADD INDEX idx_v (v)");
          Thread.sleep(1000);
          assertThat(released.checkpointTs()).isGreaterThan(startTs);
        } finally {
          running.set(false);
          writer.join();
        }
        assertThat(errors).isEmpty();
        long last = up.now();
        CaptureFixture.await(
            "checkpoint past the last commit", op::progress, p -> p.checkpointTs() >= last);
        assertThat(op.progress().orElseThrow().phase()).isEqualTo("Normal");
        assertThat(c1.status().maintainerOf().size() + c2.status().maintainerOf().size())
            .isEqualTo(1);
        assertThat(c2.status().tables().get("default/cf")).hasSize(3);
        for (String t : List.of("a", "b", "c")) {
          TableVerdict v = up.verify(out, "shop", t, List.of("id"), last);
          assertThat(v.consistent()).as(v.toString()).isTrue();
        }
        assertThat(up.verify(out, "shop", "b", List.of("id"), last).upstreamRows())
            .isEqualTo(ids.get());
        assertThat(FileSinkOrderCheck.check(out)).isEmpty();
        assertThat(FileSinkOrderCheck.checkDdlOrder(out)).isEmpty();
      }
    }
  }

  @Test
  void aStaleOwnerCannotMoveAPosition(EtcdServer etcd) throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "fence", up, tmp);
        Etcd client = new Etcd(List.of(etcd.endpoint()))) {
      PositionWriter writer = new PositionWriter(client);
      String key = op.keys.assignment("c1");
      op.assign("c1", 7L);
      EtcdMirror mirror = new EtcdMirror(client, op.layout.prefix(), () -> {});
      mirror.start();
      long rev = mirror.get(key).orElseThrow().modRevision();
      TablePosition p1 = new TablePosition(7, 100, 120, "c1", 1);
      assertThat(writer.write(op.keys, key, rev, List.of(p1))).isPresent();
      assertThat(op.position(7)).contains(p1);
      op.put(key, new Assignment(2, List.of())); // the operator takes the table away
      TablePosition p2 = new TablePosition(7, 200, 220, "c1", 1);
      assertThat(writer.write(op.keys, key, rev, List.of(p2))).isEmpty();
      assertThat(op.position(7)).contains(p1);
      // A release guarded by a stale position revision fails too.
      op.put(op.keys.position(7), new TablePosition(7, 150, 150, "c2", 3));
      assertThat(writer.release(op.keys, new TablePosition(7, 100, 120, null, 1), rev)).isFalse();
      assertThat(op.position(7).map(TablePosition::capture)).contains("c2");
      mirror.close();
    }
  }

  @Test
  void anInvalidChangefeedFailsNamingTheFieldAndTheCaptureKeepsRunning(EtcdServer etcd)
      throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "bad", up, tmp);
        Capture c1 = Capture.start(op.config("c1", tmp.resolve("d1")))) {
      var doc = CaptureFixture.changefeedDoc("bad", "file:///tmp/x?protocol=canal-json", 0);
      ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("spec")).put("colour", "blue");
      op.putInfo(1, doc);
      var failed =
          CaptureFixture.await("phase Failed", op::progress, p -> p.phase().equals("Failed"));
      assertThat(failed.lastError().message()).contains("spec.colour").contains("unknown field");
      // A fixed document (new generation) runs.
      op.putInfo(
          2,
          CaptureFixture.changefeedDoc(
              "bad", "file://" + tmp.resolve("out") + "?protocol=canal-json", up.now()));
      CaptureFixture.await(
          "phase Normal", op::progress, p -> p.phase().equals("Normal") && p.generation() == 2);
      assertThat(op.exists(op.layout.capture("c1"))).isTrue();
      assertThat(c1.status().registered()).isTrue();
      assertThat(c1.status().maintainerOf()).containsExactly("default/cf");
      assertThat(Optional.of(c1.captureId())).contains("c1");
    }
  }
}
