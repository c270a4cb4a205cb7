package io.tidb.cdc.sim.workload;

import io.tidb.cdc.sim.sql.Session;
import io.tidb.cdc.sim.sql.SqlEngine;
import io.tidb.cdc.sim.sql.StatementResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A sysbench-like load through the SQL layer's Java API (no SQL text for row changes): single-row
 * INSERT / UPDATE / DELETE transactions over {@code sbtest1..N} in a weighted mix, optionally large
 * transactions and online DDL in between, paced to a rate. One thread and one seed: the same
 * options produce the same statements and the same final table contents.
 */
public final class Workload {
  private static final long PROGRESS_INTERVAL_MILLIS = 1000;
  private static final Consumer<WorkloadStats> PROGRESS_IGNORED = stats -> {};

  private final SqlEngine engine;
  private final WorkloadOptions options;
  private final RowGenerator rows;
  private final List<List<Long>> liveIds = new ArrayList<>();
  private final long[] nextId;
  private final Random random;
  private int ddlStep;
  private long inserts;
  private long updates;
  private long deletes;
  private long firstTs;
  private long lastTs;

  public Workload(SqlEngine engine, WorkloadOptions options) {
    this.engine = engine;
    this.options = options;
    this.rows = new RowGenerator(options.wideRows());
    this.nextId = new long[options.tables()];
    this.random = new Random(options.seed());
  }

  /** The table names, {@code sbtest1..N}. */
  public List<String> tables() {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= options.tables(); i++) {
      out.add("sbtest" + i);
    }
    return out;
  }

  /** Creates the database and tables and loads the initial rows (in 500-row transactions). */
  public void prepare() {
    engine.execute("CREATE DATABASE IF NOT EXISTS `" + options.database() + "`").orThrow();
    try (Session s = engine.newSession()) {
      for (int t = 0; t < options.tables(); t++) {
        String table = tables().get(t);
        engine.execute(rows.createTable(options.database(), table)).orThrow();
        List<Long> ids = new ArrayList<>();
        List<List<Object>> batch = new ArrayList<>();
        for (long id = 1; id <= options.initialRows(); id++) {
          batch.add(rows.row(id, random));
          ids.add(id);
          if (batch.size() == 500 || id == options.initialRows()) {
            track(s.insert(options.database(), table, rows.columns(), batch, false));
            batch = new ArrayList<>();
          }
        }
        liveIds.add(ids);
        nextId[t] = options.initialRows() + 1L;
      }
    }
  }

  /** Runs the configured number of transactions; call {@link #prepare()} first. */
  public WorkloadStats run() {
    return run(PROGRESS_IGNORED);
  }

  /**
   * Runs the configured number of transactions, handing {@code progress} the figures so far about
   * once a second; call {@link #prepare()} first.
   */
  public WorkloadStats run(Consumer<WorkloadStats> progress) {
    if (liveIds.size() != options.tables()) {
      throw new IllegalStateException("call prepare() before run()");
    }
    long start = System.currentTimeMillis();
    firstTs = 0;
    lastTs = 0;
    inserts = 0;
    updates = 0;
    deletes = 0;
    RateLimiter limiter = new RateLimiter(options.ratePerSecond());
    long ddls = 0;
    long nextReport = start + PROGRESS_INTERVAL_MILLIS;
    try (Session s = engine.newSession()) {
      for (long i = 1; i <= options.transactions(); i++) {
        limiter.acquire();
        if (options.ddlEvery() > 0 && i % options.ddlEvery() == 0) {
          ddl();
          ddls++;
        }
        if (options.largeTxnEvery() > 0 && i % options.largeTxnEvery() == 0) {
          s.begin();
          for (int j = 0; j < options.largeTxnRows(); j++) {
            change(s);
          }
          s.commit().ifPresent(this::trackTs);
        } else {
          change(s);
        }
        long now = System.currentTimeMillis();
        if (now >= nextReport) {
          progress.accept(stats(i, ddls, now - start));
          nextReport = now + PROGRESS_INTERVAL_MILLIS;
        }
      }
    }
    return stats(options.transactions(), ddls, System.currentTimeMillis() - start);
  }

  private WorkloadStats stats(long transactions, long ddls, long elapsedMillis) {
    return new WorkloadStats(
        transactions, inserts, updates, deletes, ddls, firstTs, lastTs, elapsedMillis);
  }

  /** One row change; commits on its own unless the session has a transaction open. */
  private void change(Session s) {
    int t = random.nextInt(options.tables());
    String table = tables().get(t);
    List<Long> ids = liveIds.get(t);
    int total = options.insertWeight() + options.updateWeight() + options.deleteWeight();
    int pick = random.nextInt(total);
    if (pick < options.insertWeight() || ids.isEmpty()) {
      long id = nextId[t]++;
      track(
          s.insert(
              options.database(), table, rows.columns(), List.of(rows.row(id, random)), false));
      ids.add(id);
      inserts++;
    } else if (pick < options.insertWeight() + options.updateWeight()) {
      long id = ids.get(random.nextInt(ids.size()));
      track(s.update(options.database(), table, Map.of("id", id), rows.update(random)));
      updates++;
    } else {
      int at = random.nextInt(ids.size());
      long id = ids.get(at);
      ids.set(at, ids.get(ids.size() - 1));
      ids.remove(ids.size() - 1);
      track(s.delete(options.database(), table, Map.of("id", id)));
      deletes++;
    }
  }

  /** The next DDL of the rotation add column, add index, drop index, drop column. */
  private void ddl() {
    int round = ddlStep / 4;
    String table = "`" + options.database() + "`.`" + tables().get(round % options.tables()) + "`";
    String col = "ddl_col_" + round;
    String sql =
        switch (ddlStep % 4) {
          case 0 -> "ALTER TABLE " + table + " ADD COLUMN " + col + " int DEFAULT " + round;
          case 1 -> "ALTER TABLE " + table + " ADD INDEX idx_" + col + " (" + col + ")";
          case 2 -> "ALTER TABLE " + table + " DROP INDEX idx_" + col;
          default -> "ALTER TABLE " + table + " DROP COLUMN " + col;
        };
    ddlStep++;
    engine.execute(sql).orThrow().lastCommitTs().ifPresent(this::trackTs);
  }

  private void track(StatementResult r) {
    if (r.commitTs() != null) {
      trackTs(r.commitTs());
    }
  }

  private void trackTs(long ts) {
    if (firstTs == 0) {
      firstTs = ts;
    }
    lastTs = Math.max(lastTs, ts);
  }
}
