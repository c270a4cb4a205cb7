package io.tidb.cdc.sim.sql;

import io.tidb.cdc.sim.catalog.InfoSchema;
import io.tidb.cdc.sim.ddl.DdlRunner;
import io.tidb.cdc.sim.table.ValueException;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.sim.txn.TxnException;
import io.tidb.cdc.tidb.codec.CodecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UseStatement;

/**
 * A client connection: a current database, autocommit, and an explicit transaction between BEGIN
 * and COMMIT. Besides SQL scripts it offers typed INSERT/UPDATE/DELETE for generators that skip
 * parsing. Not thread-safe: a session that holds a transaction holds the engine lock on its thread.
 */
public final class Session implements AutoCloseable {
  private final SqlEngine engine;
  private String currentDb;
  private Txn txn;

  Session(SqlEngine engine) {
    this.engine = engine;
  }

  public Optional<String> currentDatabase() {
    return Optional.ofNullable(currentDb);
  }

  public boolean inTransaction() {
    return txn != null;
  }

  /**
   * Runs the statements of {@code script} in order until one fails. A failing statement changes
   * nothing; inside BEGIN ... COMMIT the whole transaction is rolled back.
   */
  public ScriptResult execute(String script) {
    List<StatementResult> results = new ArrayList<>();
    List<String> statements;
    try {
      statements = StatementSplitter.split(script);
    } catch (SqlException e) {
      return new ScriptResult(
          results, Optional.of(new ScriptResult.SqlError(0, script, e.getMessage())));
    }
    for (int i = 0; i < statements.size(); i++) {
      String text = statements.get(i);
      try {
        results.add(run(i, SqlParser.parse(text)));
      } catch (RuntimeException e) {
        String rolledBack = txn != null ? " (the transaction was rolled back)" : "";
        abortTransaction();
        return new ScriptResult(
            results, Optional.of(new ScriptResult.SqlError(i, text, describe(e) + rolledBack)));
      }
    }
    return new ScriptResult(results, Optional.empty());
  }

  /** Expected failures carry their own message; anything else also names its type. */
  private static String describe(RuntimeException e) {
    boolean expected =
        e instanceof SqlException
            || e instanceof ValueException
            || e instanceof TxnException
            || e instanceof CodecException;
    return expected ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private StatementResult run(int index, ParsedStatement p) {
    String text = p.text();
    if (p instanceof ParsedStatement.Begin) {
      begin();
      return new StatementResult(index, text, "begin", null, 0, null, null, null);
    }
    if (p instanceof ParsedStatement.Commit) {
      Long ts = commit().orElse(null);
      return new StatementResult(index, text, "commit", ts, 0, null, null, null);
    }
    if (p instanceof ParsedStatement.Rollback) {
      rollback();
      return new StatementResult(index, text, "rollback", null, 0, null, null, null);
    }
    if (DdlPlanner.isDdl(p)) {
      return ddl(index, p);
    }
    Statement st = ((ParsedStatement.Parsed) p).statement();
    if (st instanceof UseStatement use) {
      String db = Identifiers.strip(use.getName());
      if (engine.schema().database(db).isEmpty()) {
        throw new SqlException("unknown database '" + db + "'");
      }
      currentDb = db;
      return new StatementResult(index, text, "use", null, 0, null, null, null);
    }
    if (DmlStatements.isDml(st)) {
      long[] affected = new long[1];
      Optional<Long> ts =
          write(
              t ->
                  affected[0] =
                      DmlStatements.execute(st, t, engine.schema(), currentDb, engine.dml()));
      return new StatementResult(
          index, text, "dml", ts.orElse(null), affected[0], null, null, null);
    }
    throw new SqlException(
        "unsupported statement "
            + st.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT)
            + ": the simulator runs DDL, INSERT, REPLACE, UPDATE, DELETE, USE and transactions");
  }

  private StatementResult ddl(int index, ParsedStatement p) {
    if (txn != null) {
      throw new SqlException("DDL inside BEGIN ... COMMIT is not supported; commit first");
    }
    engine.lock().lock();
    try {
      InfoSchema schema = engine.schema();
      DdlPlanner.Plan plan = DdlPlanner.plan(p, schema, currentDb, engine.store());
      if (plan instanceof DdlPlanner.Plan.Nothing n) {
        return new StatementResult(index, p.text(), "ddl", null, 0, null, null, n.reason());
      }
      DdlRunner.Result r = engine.ddl().run(((DdlPlanner.Plan.Run) plan).task());
      engine.reloadSchema();
      return new StatementResult(
          index, p.text(), "ddl", r.commitTs(), 0, r.jobId(), r.schemaVersion(), null);
    } finally {
      engine.lock().unlock();
    }
  }

  // ---- transactions ----

  public void begin() {
    if (txn != null) {
      throw new SqlException("a transaction is already open; COMMIT or ROLLBACK it first");
    }
    engine.lock().lock();
    txn = Txn.begin(engine.store());
  }

  /** Commits the open transaction; empty if none was open or it wrote nothing. */
  public Optional<Long> commit() {
    if (txn == null) {
      return Optional.empty();
    }
    try {
      return txn.commit();
    } finally {
      txn = null;
      engine.lock().unlock();
    }
  }

  public void rollback() {
    abortTransaction();
  }

  private void abortTransaction() {
    if (txn != null) {
      txn = null;
      engine.lock().unlock();
    }
  }

  @Override
  public void close() {
    rollback();
  }

  /** Runs a write in the open transaction, or in its own committed one (autocommit). */
  private Optional<Long> write(java.util.function.Consumer<Txn> work) {
    if (txn != null) {
      work.accept(txn);
      return Optional.empty();
    }
    engine.lock().lock();
    try {
      Txn t = Txn.begin(engine.store());
      work.accept(t);
      return t.commit();
    } finally {
      engine.lock().unlock();
    }
  }

  // ---- typed statements (no SQL parsing) ----

  /** INSERT (or REPLACE) of {@code rows}; values as {@link DmlExecutor} accepts them. */
  public StatementResult insert(
      String db, String table, List<String> columns, List<List<Object>> rows, boolean replace) {
    long[] n = new long[1];
    Optional<Long> ts =
        write(
            t -> {
              DmlStatements.Target target = target(db, table);
              n[0] =
                  engine.dml().insert(t, target.db().id(), target.table(), columns, rows, replace);
            });
    return new StatementResult(
        0,
        (replace ? "REPLACE " : "INSERT ") + db + "." + table,
        "dml",
        ts.orElse(null),
        n[0],
        null,
        null,
        null);
  }

  /** UPDATE ... SET {@code values} WHERE the key columns equal {@code key}. */
  public StatementResult update(
      String db, String table, Map<String, Object> key, Map<String, Object> values) {
    long[] n = new long[1];
    Optional<Long> ts =
        write(
            t -> {
              DmlStatements.Target target = target(db, table);
              Map<String, DmlExecutor.ValueSource> sets = new java.util.LinkedHashMap<>();
              values.forEach(
                  (k, v) -> sets.put(Identifiers.name(k), DmlExecutor.ValueSource.constant(v)));
              n[0] =
                  engine
                      .dml()
                      .update(t, target.db().id(), target.table(), List.of(lower(key)), sets);
            });
    return new StatementResult(
        0, "UPDATE " + db + "." + table, "dml", ts.orElse(null), n[0], null, null, null);
  }

  /** DELETE WHERE the key columns equal {@code key}. */
  public StatementResult delete(String db, String table, Map<String, Object> key) {
    long[] n = new long[1];
    Optional<Long> ts =
        write(t -> n[0] = engine.dml().delete(t, target(db, table).table(), List.of(lower(key))));
    return new StatementResult(
        0, "DELETE " + db + "." + table, "dml", ts.orElse(null), n[0], null, null, null);
  }

  private DmlStatements.Target target(String db, String table) {
    return DmlStatements.target(
        engine.schema(), new net.sf.jsqlparser.schema.Table(db, table), currentDb);
  }

  private static Map<String, Object> lower(Map<String, Object> key) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    key.forEach((k, v) -> out.put(Identifiers.name(k), v));
    return out;
  }
}
