package io.tidb.cdc.worker.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.worker.verify.TableVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone changefeed process killed with SIGKILL under load resumes from its stored
 * checkpoint: the files downstream lose nothing (duplicates across the restart are allowed).
 */
class KillAndRestartTest {
  @TempDir Path tmp;

  private Process child(Path yaml, Path data, String log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            StandaloneChild.class.getName(),
            yaml.toString(),
            data.toString())
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve(log).toFile())
        .start();
  }

  private static long waitForCheckpoint(FilePositionStore pos, long atLeast, Process p)
      throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      OptionalLong cp;
      try {
        cp = pos.loadCheckpoint();
      } catch (java.io.IOException e) {
        cp = OptionalLong.empty(); // a rename in progress on some platforms
      }
      if (cp.isPresent() && cp.getAsLong() >= atLeast) {
        return cp.getAsLong();
      }
      assertThat(p.isAlive()).as("the changefeed process is running").isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("checkpoint did not reach " + atLeast);
  }

  @Test
  void killDashNineLosesNothing() throws Exception {
    try (SimUpstream up = new SimUpstream()) {
      long startTs = up.now();
      up.sql(
          """
          CREATE DATABASE bank;
          CREATE TABLE bank.accounts (id INT PRIMARY KEY, balance BIGINT, note VARCHAR(40));
          CREATE TABLE bank.transfers (id BIGINT PRIMARY KEY, src INT, dst INT, amount BIGINT);
          """);
      Path out = tmp.resolve("out");
      Path yaml = tmp.resolve("cf.yaml");
      Files.writeString(
          yaml,
          up.changefeedYaml(
              "bank", "file://" + out + "?protocol=canal-json", "startTs: " + startTs));
      Path data = tmp.resolve("data");
      FilePositionStore pos = new FilePositionStore(data.resolve("default/bank"), "default/bank");

      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong transfers = new AtomicLong();
      List<Throwable> errors = new ArrayList<>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int i = 1; i <= 50; i++) {
                    up.sql("INSERT INTO bank.accounts VALUES (%d, 1000, 'new')".formatted(i));
                  }
                  while (running.get()) {
                    long t = transfers.incrementAndGet();
                    int a = (int) (t % 50) + 1;
                    int b = (int) ((t * 7) % 50) + 1;
                    up.sql(
                        ("BEGIN; UPDATE bank.accounts SET balance = balance - 5, note = 't%d'"
                                + " WHERE id = %d; UPDATE bank.accounts SET balance = balance + 5"
                                + " WHERE id = %d; INSERT INTO bank.transfers VALUES (%d, %d, %d,"
                                + " 5); COMMIT;")
                            .formatted(t, a, b, t, a, b));
                    if (t % 97 == 0) {
                      up.sql("DELETE FROM bank.transfers WHERE id = %d".formatted(t - 50));
                    }
                  }
                } catch (Exception e) {
                  errors.add(e);
                }
              });
      writer.setDaemon(true);
      writer.start();
      Process first = child(yaml, data, "first.log");
      Process second = null;
      try {
        long cp1 = waitForCheckpoint(pos, startTs + 1, first);
        Thread.sleep(1500);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no last flush
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Instant restartedAt = Instant.now(); // files written later are the second run's
        long resumedFrom = pos.loadCheckpoint().orElseThrow();
        long killedAt = transfers.get();
        Thread.sleep(1000);
        second = child(yaml, data, "second.log");
        Thread.sleep(1500);
        running.set(false);
        writer.join(30_000);
        assertThat(errors).isEmpty();
        long last = up.now();
        waitForCheckpoint(pos, last, second);
        second.destroy(); // SIGTERM: clean stop
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as("0, or 143 when the signal wins the race").isIn(0, 143);
        assertThat(Files.readString(tmp.resolve("second.log"))).contains("outcome STOPPED");
        assertThat(cp1).isGreaterThan(startTs);
        assertThat(transfers.get()).isGreaterThan(killedAt);
        for (String[] t : new String[][] {{"accounts", "id"}, {"transfers", "id"}}) {
          TableVerdict v = up.verify(out, "bank", t[0], List.of(t[1]), last);
          assertThat(v.consistent()).as(v.toString()).isTrue();
        }
        assertThat(up.verify(out, "bank", "transfers", List.of("id"), last).upstreamRows())
            .isGreaterThan(10);
        // Each run in order; the second re-delivers what the first wrote above its checkpoint.
        assertThat(FileSinkOrderCheck.checkAcrossRestart(out, restartedAt, resumedFrom)).isEmpty();
        assertThat(FileSinkOrderCheck.dataFiles(out))
            .as("both runs wrote files")
            .anyMatch(f -> f.written().isBefore(restartedAt))
            .anyMatch(f -> f.written().isAfter(restartedAt));
      } finally {
        running.set(false);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        if (second != null) {
          second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }
}
