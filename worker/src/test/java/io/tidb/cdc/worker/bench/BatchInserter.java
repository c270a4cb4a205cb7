package io.tidb.cdc.worker.bench;

import io.tidb.cdc.sim.sql.Session;
import io.tidb.cdc.sim.sql.SqlEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * A lighter generator than the sysbench workload: multi-row INSERT transactions into one table,
 * optionally paced. The SQL layer's per-statement cost caps the workload at about 36,000 row
 * changes/s on dev-2c; one statement per {@code batchRows} rows gets past that.
 */
final class BatchInserter {
  private static final List<String> COLUMNS = List.of("id", "k", "c", "pad");
  private static final String C = "1".repeat(119);
  private static final String PAD = "2".repeat(59);

  private final SqlEngine engine;
  private final String db;
  private final int batchRows;
  private long nextId = 1;

  BatchInserter(SqlEngine engine, String db, int batchRows) {
    this.engine = engine;
    this.db = db;
    this.batchRows = batchRows;
    engine
        .execute(
            "CREATE DATABASE IF NOT EXISTS `"
                + db
                + "`; CREATE TABLE `"
                + db
                + "`.t (id bigint NOT NULL, k int NOT NULL, c char(120) NOT NULL,"
                + " pad char(60) NOT NULL, PRIMARY KEY (id))")
        .orThrow();
  }

  /** Rows inserted and the last commit ts. */
  record Result(long rows, long lastCommitTs) {}

  /** Inserts {@code rows} rows at {@code rowsPerSecond} (0: as fast as possible). */
  Result run(long rows, double rowsPerSecond) throws InterruptedException {
    long start = System.nanoTime();
    long done = 0;
    long last = 0;
    try (Session s = engine.newSession()) {
      while (done < rows) {
        if (rowsPerSecond > 0) {
          long due = start + (long) (done / rowsPerSecond * 1e9);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        int n = (int) Math.min(batchRows, rows - done);
        List<List<Object>> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          long id = nextId++;
          batch.add(List.of(id, id % 1_000_000, C, PAD));
        }
        Long ts = s.insert(db, "t", COLUMNS, batch, false).commitTs();
        if (ts != null) {
          last = Math.max(last, ts);
        }
        done += n;
      }
    }
    return new Result(done, last);
  }
}
