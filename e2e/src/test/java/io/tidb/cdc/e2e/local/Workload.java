package io.tidb.cdc.e2e.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent writers on {@code db.t0 .. t(N-1)}: each transaction inserts a row into one table and
 * updates an earlier row of another (so keys change many times: per-key order is observable), and
 * every tenth also deletes one. Tables created while it runs ({@link #tableCreated}) join the
 * rotation. Throttled, so the workers on this 2-core machine keep up.
 */
final class Workload implements AutoCloseable {
  private static final long PAUSE_MILLIS = 15;

  private final LocalUpstream upstream;
  private final String db;
  private final AtomicInteger tables;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong lastCommitTs = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
  private final List<Thread> writers = new ArrayList<>();

  private Workload(LocalUpstream upstream, String db, int tables) {
    this.upstream = upstream;
    this.db = db;
    this.tables = new AtomicInteger(tables);
  }

  static Workload start(LocalUpstream upstream, String db, int tables, int writers) {
    Workload w = new Workload(upstream, db, tables);
    for (int i = 0; i < writers; i++) {
      int writer = i;
      Thread t = new Thread(() -> w.write(writer), "workload-writer-" + i);
      t.setDaemon(true);
      w.writers.add(t);
      t.start();
    }
    return w;
  }

  /** The DDL of {@code db.t<index>} as the writers expect it. */
  static String createTable(String db, int index) {
    return "CREATE TABLE %s.t%d (id BIGINT PRIMARY KEY, v BIGINT, note VARCHAR(32))"
        .formatted(db, index);
  }

  /** Creates database {@code db} with {@code t0 .. t(count-1)} for the writers. */
  static void createTables(LocalUpstream upstream, String db, int count) {
    upstream.sql("CREATE DATABASE " + db);
    for (int t = 0; t < count; t++) {
      upstream.sql(createTable(db, t));
    }
  }

  /** {@code db.t<index>} exists from now on; writers may use it. */
  void tableCreated(int index) {
    tables.updateAndGet(n -> Math.max(n, index + 1));
  }

  /** Records a commit made outside the writers (DDL), so that {@link #lastCommitTs} covers it. */
  void committed(long commitTs) {
    lastCommitTs.accumulateAndGet(commitTs, Math::max);
  }

  long transactions() {
    return transactions.get();
  }

  long lastCommitTs() {
    return lastCommitTs.get();
  }

  List<Throwable> errors() {
    return List.copyOf(errors);
  }

  /** Stops the writers and waits for them (idempotent). */
  void stop() {
    running.set(false);
    try {
      for (Thread t : writers) {
        t.join(30_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private record Row(int table, long id) {}

  private void write(int writer) {
    Random random = new Random(writer);
    List<Row> rows = new ArrayList<>();
    long seq = 0;
    try {
      while (running.get()) {
        seq++;
        int n = tables.get();
        Row inserted = new Row(random.nextInt(n), writer * 1_000_000L + seq);
        StringBuilder txn = new StringBuilder("BEGIN;\n");
        txn.append(
            "INSERT INTO %s.t%d (id, v, note) VALUES (%d, %d, 'w%d-%d');\n"
                .formatted(db, inserted.table(), inserted.id(), seq, writer, seq));
        if (!rows.isEmpty()) {
          Row updated = rows.get(random.nextInt(rows.size()));
          txn.append(
              "UPDATE %s.t%d SET v = v + 1, note = 'u%d' WHERE id = %d;\n"
                  .formatted(db, updated.table(), seq, updated.id()));
        }
        if (seq % 10 == 0 && rows.size() > 1) {
          Row deleted = rows.remove(random.nextInt(rows.size() - 1));
          txn.append(
              "DELETE FROM %s.t%d WHERE id = %d;\n".formatted(db, deleted.table(), deleted.id()));
        }
        txn.append("COMMIT;");
        committed(upstream.sql(txn.toString()));
        rows.add(inserted);
        transactions.incrementAndGet();
        Thread.sleep(PAUSE_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      errors.add(e);
    }
  }
}
