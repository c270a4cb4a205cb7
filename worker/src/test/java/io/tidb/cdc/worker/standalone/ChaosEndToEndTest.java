package io.tidb.cdc.worker.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.cluster.Peer;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.dump.TableDump;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.worker.config.ChangefeedDefaults;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.config.ResourceFile;
import io.tidb.cdc.worker.pipeline.Phase;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline under random transactions while regions split, merge and move leaders, a store
 * stops and restarts and stores report busy: the files downstream equal the upstream.
 */
class ChaosEndToEndTest {
  private static final int KEYS = 400;

  @TempDir Path tmp;

  @Test
  void replicatesThroughSplitsMergesLeaderMovesAndStoreRestarts() throws Exception {
    try (SimUpstream up = new SimUpstream()) {
      long startTs = up.now();
      up.sql(
          """
          CREATE DATABASE chaos;
          CREATE TABLE chaos.k (id INT PRIMARY KEY, v BIGINT, s VARCHAR(30));
          CREATE TABLE chaos.c (name VARCHAR(20) PRIMARY KEY, n INT);
          """);
      long tableId = TableDump.tableAt(up.engine.store(), "chaos", "k", up.now()).id();
      Path out = tmp.resolve("out");
      ChangefeedSettings s =
          ChangefeedDefaults.validated(
              ResourceFile.parse(
                  up.changefeedYaml(
                      "chaos", "file://" + out + "?protocol=canal-json", "startTs: " + startTs),
                  "t"),
              "t");
      try (RunningChangefeed r = new RunningChangefeed(s, tmp.resolve("data"))) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger ops = new AtomicInteger();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<Long> committed = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          int seed = w;
          threads.add(new Thread(() -> write(up, new Random(seed), stop, committed, errors)));
        }
        threads.add(new Thread(() -> chaos(up, tableId, stop, ops, errors)));
        threads.forEach(Thread::start);
        Thread.sleep(6_000);
        stop.set(true);
        for (Thread t : threads) {
          t.join(30_000);
        }
        assertThat(errors).isEmpty();
        assertThat(ops.get()).isGreaterThan(10);
        long last = up.now();
        r.await(st -> st.checkpointTs() >= last);
        assertThat(r.runner.status().phase()).isEqualTo(Phase.NORMAL);
        TableVerdict k = up.verify(out, "chaos", "k", List.of("id"), last);
        TableVerdict c = up.verify(out, "chaos", "c", List.of("name"), last);
        assertThat(k.consistent()).as(k.toString()).isTrue();
        assertThat(c.consistent()).as(c.toString()).isTrue();
        assertThat(k.upstreamRows()).isGreaterThan(50);
        // Per key order, whole transactions per file, ordered file ranges: over the raw files.
        assertThat(FileSinkOrderCheck.check(out)).isEmpty();
        assertThat(FileSinkOrderCheck.checkDdlOrder(out)).isEmpty();
        assertThat(committed).hasSizeGreaterThan(50);
        assertThat(FileSinkOrderCheck.commitTsValues(out))
            .as("every committed writer transaction is in the files")
            .containsAll(committed);
      }
    }
  }

  /**
   * Random multi-statement transactions; a statement a store fault aborts is retried. The commit ts
   * of each committed transaction that wrote a row for sure (one with a REPLACE) goes to {@code
   * committed}.
   */
  private static void write(
      SimUpstream up, Random rnd, AtomicBoolean stop, Set<Long> committed, List<Throwable> errors) {
    try {
      while (!stop.get()) {
        StringBuilder sql = new StringBuilder("BEGIN;");
        boolean writesRow = false;
        for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
          int id = rnd.nextInt(KEYS);
          int kind = rnd.nextInt(4);
          writesRow |= kind != 0;
          switch (kind) {
            case 0 -> sql.append("DELETE FROM chaos.k WHERE id = ").append(id).append(';');
            case 1 ->
                sql.append("REPLACE INTO chaos.c VALUES ('n")
                    .append(id % 40)
                    .append("', ")
                    .append(rnd.nextInt())
                    .append(");");
            default ->
                sql.append("REPLACE INTO chaos.k VALUES (")
                    .append(id)
                    .append(", ")
                    .append(rnd.nextLong())
                    .append(", 'v")
                    .append(rnd.nextInt(1000))
                    .append("');");
          }
        }
        sql.append("COMMIT;");
        try {
          long commitTs = up.sql(sql.toString());
          if (writesRow && commitTs == 0) {
            errors.add(new AssertionError("no commit ts for " + sql));
          } else if (writesRow) {
            committed.add(commitTs);
          }
        } catch (IllegalStateException e) {
          // The transaction failed under a fault (a stopped store) and was rolled back: fine.
        }
      }
    } catch (Exception e) {
      errors.add(e);
    }
  }

  private static void chaos(
      SimUpstream up, long tableId, AtomicBoolean stop, AtomicInteger ops, List<Throwable> errors) {
    Random rnd = new Random(7);
    try {
      while (!stop.get()) {
        Thread.sleep(100 + rnd.nextInt(150));
        ByteString key = ByteString.copyFrom(TableKeys.recordKey(tableId, rnd.nextInt(KEYS)));
        Region region = up.sim.cluster().regions().locate(key);
        try {
          switch (rnd.nextInt(10)) {
            case 0, 1, 2 -> up.sim.admin().split(key);
            case 3, 4 ->
                up.sim
                    .cluster()
                    .regions()
                    .next(region)
                    .ifPresent(n -> up.sim.admin().merge(region.id(), n.id()));
            case 5, 6, 7 -> {
              List<Peer> others =
                  region.peers().stream()
                      .filter(p -> p.storeId() != region.leader().storeId())
                      .toList();
              up.sim
                  .admin()
                  .transferLeader(region.id(), others.get(rnd.nextInt(others.size())).storeId());
            }
            case 8 -> {
              long store = 1 + rnd.nextInt(3);
              up.sim.admin().stopStore(store);
              Thread.sleep(200 + rnd.nextInt(300));
              up.sim.admin().startStore(store);
            }
            default -> up.sim.faults().storeBusy(1 + rnd.nextInt(3), 1 + rnd.nextInt(3));
          }
          ops.incrementAndGet();
        } catch (IllegalArgumentException | IllegalStateException e) {
          // A boundary that already exists, a leader on a stopped store: skip this one.
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      errors.add(e);
    }
  }
}
