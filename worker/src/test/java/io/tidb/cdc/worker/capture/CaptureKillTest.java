package io.tidb.cdc.worker.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.testsupport.servers.EtcdServer;
import io.tidb.cdc.testsupport.servers.TestServersExtension;
import io.tidb.cdc.worker.standalone.FileSinkOrderCheck;
import io.tidb.cdc.worker.standalone.SimUpstream;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture process killed with SIGKILL: its lease expires, the test (as the operator) gives its
 * tables to the survivor, which continues from their positions; nothing is lost.
 */
@ExtendWith(TestServersExtension.class)
class CaptureKillTest {
  @TempDir Path tmp;

  private Process child(CaptureFixture op, String id) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            CaptureChild.class.getName(),
            op.clusterFile.toString(),
            op.endpoint,
            id,
            tmp.resolve("d-" + id).toString(),
            "2")
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve(id + ".log").toFile())
        .start();
  }

  @Test
  void aKilledCapturesTablesContinueOnTheSurvivor(EtcdServer etcd) throws Exception {
    try (SimUpstream up = new SimUpstream();
        CaptureFixture op = new CaptureFixture(etcd.endpoint(), "kill", up, tmp)) {
      up.sql(
          """
          CREATE DATABASE bank;
          CREATE TABLE bank.accounts (id INT PRIMARY KEY, balance BIGINT);
          CREATE TABLE bank.transfers (id BIGINT PRIMARY KEY, src INT, amount BIGINT);
          """);
      long startTs = up.now();
      Path out = tmp.resolve("out");
      Process victim = child(op, "c1");
      try {
        CaptureFixture.await(
            "c1 registered",
            () -> Optional.of(op.exists(op.layout.capture("c1"))),
            Boolean::booleanValue);
        op.putInfo(
            1,
            CaptureFixture.changefeedDoc(
                "kill", "file://" + out + "?protocol=canal-json", startTs));
        long accounts = op.tableId("bank.accounts");
        long transfers = op.tableId("bank.transfers");
        op.assign("c1", accounts, transfers);
        try (Capture survivor = Capture.start(op.config("c2", tmp.resolve("d-c2")))) {
          AtomicBoolean running = new AtomicBoolean(true);
          AtomicLong n = new AtomicLong();
          List<Throwable> errors = new ArrayList<>();
          Thread writer =
              new Thread(
                  () -> {
                    try {
                      for (int i = 1; i <= 20; i++) {
                        up.sql("INSERT INTO bank.accounts VALUES (%d, 1000)".formatted(i));
                      }
                      while (running.get()) {
                        long t = n.incrementAndGet();
                        up.sql(
                            ("BEGIN; UPDATE bank.accounts SET balance = balance - 5 WHERE id = %d;"
                                    + " INSERT INTO bank.transfers VALUES (%d, %d, 5); COMMIT;")
                                .formatted(t % 20 + 1, t, t % 20 + 1));
                      }
                    } catch (Exception e) {
                      errors.add(e);
                    }
                  });
          writer.start();
          try {
            CaptureFixture.await(
                "c1 reports positions",
                () -> op.position(transfers),
                p -> p.checkpointTs() > startTs && "c1".equals(p.capture()));
            Thread.sleep(1000);
            victim.destroyForcibly(); // SIGKILL
            assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
            CaptureFixture.await(
                "c1's lease expired",
                () -> Optional.of(!op.exists(op.layout.capture("c1"))),
                Boolean::booleanValue);
            op.delete(op.keys.assignment("c1"));
            op.assign("c2", accounts, transfers);
            Thread.sleep(1500);
          } finally {
            running.set(false);
            writer.join();
          }
          assertThat(errors).isEmpty();
          long last = up.now();
          CaptureFixture.await(
              "checkpoint past the last commit", op::progress, p -> p.checkpointTs() >= last);
          assertThat(survivor.status().maintainerOf()).containsExactly("default/cf");
          assertThat(op.position(transfers).orElseThrow().capture()).isEqualTo("c2");
          for (String t : List.of("accounts", "transfers")) {
            TableVerdict v = up.verify(out, "bank", t, List.of("id"), last);
            assertThat(v.consistent()).as(v.toString()).isTrue();
          }
          assertThat(up.verify(out, "bank", "transfers", List.of("id"), last).upstreamRows())
              .isEqualTo(n.get());
          // Duplicates only across the failover: c2 re-delivers what c1 wrote above its position,
          // so every finding pairs a c1 file with a c2 file; within each capture all is in order.
          assertThat(FileSinkOrderCheck.check(out))
              .allMatch(m -> m.contains("@c1.json") && m.contains("@c2.json"));
          try (var files = Files.walk(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                .as("both captures wrote data files")
                .anyMatch(f -> f.contains("@c1."))
                .anyMatch(f -> f.contains("@c2."));
          }
        }
      } finally {
        victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
