package io.tidb.cdc.worker.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.DesiredState;
import io.tidb.cdc.coord.TablePosition;
import io.tidb.cdc.testsupport.servers.EtcdServer;
import io.tidb.cdc.testsupport.servers.TestServersExtension;
import io.tidb.cdc.worker.sink.file.CheckpointFile;
import io.tidb.cdc.worker.standalone.SimUpstream;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changefeed's life in capture mode against real etcd and the simulator: pause and resume, stop,
 * target ts, a retried failure, and the maintainer's clean stop. The test plays the operator.
 */
@ExtendWith(TestServersExtension.class)
class CaptureLifecycleTest {
  @TempDir Path tmp;

  private static String sink(Path out) {
    return "file://" + out + "?protocol=canal-json";
  }

  /** Inserts rows {@code from..to} into shop.t, one commit each; returns the last commit ts. */
  private static long insert(SimUpstream up, int from, int to) throws Exception {
    StringBuilder sql = new StringBuilder();
    for (int i = from; i <= to; i++) {
      sql.append("INSERT INTO shop.t (id, v) VALUES (%d, %d);".formatted(i, i * 10));
    }
    return up.sql(sql.toString());
  }

  private static void assertSinkEqualsUpstreamAt(SimUpstream up, Path out, long ts, long rows)
      throws Exception {
    TableVerdict v = up.verify(out, "shop", "t", List.of("id"), ts);
    assertThat(v.consistent()).as(v.toString()).isTrue();
    assertThat(v.upstreamRows()).isEqualTo(rows);
  }

  /** One capture replicating shop.t from now; returns the table id. */
  private static long startReplicating(
      SimUpstream up, CaptureFixture op, JsonNode doc, DesiredState state) throws Exception {
    op.putInfo(1, state, doc);
    long t = op.tableId("shop.t");
    op.assign("c1", t);
    return t;
  }

  private static void createTable(SimUpstream up) throws Exception {
    up.sql("CREATE DATABASE shop; CREATE TABLE shop.t (id INT PRIMARY KEY, v INT);");
  }

  @Test
  void pauseKeepsPositionsAndTheGcSafePointAndResumeLosesNothing(EtcdServer etcd) throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "pause", up, tmp);
        Capture c1 = Capture.start(op.config("c1", tmp.resolve("d1")))) {
      createTable(up);
      Path out = tmp.resolve("out");
      JsonNode doc = CaptureFixture.changefeedDoc("pause", sink(out), up.now());
      long t = startReplicating(up, op, doc, DesiredState.RUNNING);
      long before = insert(up, 1, 50);
      op.awaitProgress(1, "Normal", before);

      op.putInfo(2, DesiredState.PAUSED, doc);
      ChangefeedProgress paused = op.awaitProgress(2, "Paused", before);
      CaptureFixture.await(
          "c1 stopped its tables", () -> Optional.of(c1.status().tables()), m -> m.isEmpty());
      Thread.sleep(500); // the last positions of the graceful stop
      TablePosition position = op.position(t).orElseThrow();
      assertThat(position.checkpointTs()).isGreaterThanOrEqualTo(before);
      long during = insert(up, 51, 100);
      Thread.sleep(1500); // more than a report interval: nothing may move while paused
      assertThat(op.position(t)).contains(position);
      ChangefeedProgress still = op.progress().orElseThrow();
      assertThat(still.phase()).isEqualTo("Paused");
      assertThat(still.checkpointTs()).isEqualTo(paused.checkpointTs());
      assertThat(op.gcServiceSafePoint(up))
          .as("the GC safe point stays at the checkpoint")
          .hasValueSatisfying(s -> assertThat(s.safePoint()).isEqualTo(paused.checkpointTs() - 1));
      assertThat(c1.status().tables()).isEmpty();
      assertSinkEqualsUpstreamAt(up, out, before, 50); // none of rows 51..100

      op.putInfo(3, DesiredState.RUNNING, doc);
      long after = insert(up, 101, 120);
      op.awaitProgress(3, "Normal", after);
      assertThat(during).isLessThan(after);
      assertSinkEqualsUpstreamAt(up, out, after, 120);
    }
  }

  @Test
  void stopReleasesTheGcSafePointAndStopsTheTables(EtcdServer etcd) throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "stop", up, tmp);
        Capture c1 = Capture.start(op.config("c1", tmp.resolve("d1")))) {
      createTable(up);
      Path out = tmp.resolve("out");
      JsonNode doc = CaptureFixture.changefeedDoc("stop", sink(out), up.now());
      startReplicating(up, op, doc, DesiredState.RUNNING);
      long before = insert(up, 1, 30);
      op.awaitProgress(1, "Normal", before);
      assertThat(op.gcServiceSafePoint(up)).isPresent();

      op.putInfo(2, DesiredState.STOPPED, doc);
      ChangefeedProgress stopped = op.awaitProgress(2, "Stopped", before);
      CaptureFixture.await(
          "the GC safe point released",
          () -> Optional.of(op.gcServiceSafePoint(up).isEmpty()),
          Boolean::booleanValue);
      CaptureFixture.await(
          "c1 stopped its tables", () -> Optional.of(c1.status().tables()), m -> m.isEmpty());
      assertThat(c1.status().maintainerOf()).containsExactly("default/cf");
      insert(up, 31, 60);
      Thread.sleep(1000);
      assertThat(op.progress().orElseThrow()).isEqualTo(stopped);
      assertThat(op.gcServiceSafePoint(up)).isEmpty();
      assertSinkEqualsUpstreamAt(up, out, before, 30);
      assertThat(CheckpointFile.read(out)).hasValue(stopped.checkpointTs());
    }
  }

  @Test
  void aTargetTsFinishesWithTheCheckpointThereAndNoRowAbove(EtcdServer etcd) throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "target", up, tmp);
        Capture c1 = Capture.start(op.config("c1", tmp.resolve("d1")))) {
      createTable(up);
      long startTs = up.now();
      long target = insert(up, 1, 40);
      insert(up, 41, 80); // above the target: never replicated
      Path out = tmp.resolve("out");
      JsonNode doc = CaptureFixture.changefeedDoc("target", sink(out), startTs);
      ((ObjectNode) doc.get("spec")).put("targetTs", target);
      startReplicating(up, op, doc, DesiredState.RUNNING);
      ChangefeedProgress finished = op.awaitProgress(1, "Finished", target);
      assertThat(finished.checkpointTs()).isEqualTo(target);
      CaptureFixture.await(
          "c1 stopped its tables", () -> Optional.of(c1.status().tables()), m -> m.isEmpty());
      insert(up, 81, 90);
      Thread.sleep(1000);
      assertThat(op.progress().orElseThrow()).isEqualTo(finished);
      assertSinkEqualsUpstreamAt(up, out, target, 40);
      assertThat(CheckpointFile.read(out)).hasValue(target);
    }
  }

  @Test
  void aSinkOutageIsAWarningWithRetriesThenNormalAgain(EtcdServer etcd) throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "warn", up, tmp);
        Capture c1 = Capture.start(op.config("c1", tmp.resolve("d1")))) {
      createTable(up);
      Path out = tmp.resolve("out");
      JsonNode doc = CaptureFixture.changefeedDoc("warn", sink(out), up.now());
      startReplicating(up, op, doc, DesiredState.RUNNING);
      long before = insert(up, 1, 30);
      op.awaitProgress(1, "Normal", before);

      // The sink directory is replaced by a plain file (chmod does not stop root): every write
      // into it fails until it is back.
      Path away = tmp.resolve("out.away");
      Files.move(out, away);
      Files.writeString(out, "not a directory");
      ChangefeedProgress warning =
          CaptureFixture.await(
              "phase Warning, retried",
              op::progress,
              p -> p.phase().equals("Warning") && p.lastError().retries() >= 2);
      assertThat(warning.lastError().message()).contains("sink");
      assertThat(warning.lastError().timeMillis())
          .isBetween(System.currentTimeMillis() - 30_000, System.currentTimeMillis());
      assertThat(warning.checkpointTs()).isGreaterThanOrEqualTo(before);
      long during = insert(up, 31, 60);
      Files.delete(out);
      Files.move(away, out);

      ChangefeedProgress normal = op.awaitProgress(1, "Normal", during);
      assertThat(normal.lastError()).isNull();
      assertSinkEqualsUpstreamAt(up, out, during, 60);
      assertThat(c1.status().registered()).as("the capture itself kept running").isTrue();
    }
  }

  @Test
  void aCleanShutdownWritesTheSinkCheckpointTheGcSafePointAndTheFinalProgress(EtcdServer etcd)
      throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "clean", up, tmp)) {
      createTable(up);
      long startTs = up.now();
      Path out = tmp.resolve("out");
      JsonNode doc = CaptureFixture.changefeedDoc("clean", sink(out), startTs);
      long last;
      Capture c1 = Capture.start(op.config("c1", tmp.resolve("d1")));
      try {
        long t = startReplicating(up, op, doc, DesiredState.RUNNING);
        op.awaitProgress(1, "Normal", startTs);
        last = insert(up, 1, 30);
        // Close as soon as the table flushed the last row: sooner than a progress write.
        CaptureFixture.await(
            "the table's position past the last row",
            () -> op.position(t),
            p -> p.checkpointTs() >= last,
            10_000);
        assertThat(c1.status().maintainerOf()).containsExactly("default/cf");
      } finally {
        c1.close();
      }
      ChangefeedProgress fin = op.progress().orElseThrow();
      assertThat(fin.phase()).isEqualTo("Normal");
      assertThat(fin.checkpointTs()).isGreaterThanOrEqualTo(last);
      assertThat(CheckpointFile.read(out)).hasValue(fin.checkpointTs());
      assertThat(op.gcServiceSafePoint(up))
          .hasValueSatisfying(s -> assertThat(s.safePoint()).isEqualTo(fin.checkpointTs() - 1));
      assertThat(op.exists(op.keys.maintainer())).as("the lease was revoked").isFalse();
      assertSinkEqualsUpstreamAt(up, out, last, 30);
    }
  }
}
