package io.tidb.cdc.sim.sql;

import io.tidb.cdc.sim.catalog.AutoIds;
import io.tidb.cdc.sim.catalog.InfoSchema;
import io.tidb.cdc.sim.catalog.Meta;
import io.tidb.cdc.sim.catalog.SystemTables;
import io.tidb.cdc.sim.ddl.DdlRunner;
import io.tidb.cdc.sim.txn.KvStore;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.concurrent.locks.ReentrantLock;
import net.sf.jsqlparser.statement.create.table.CreateTable;

/**
 * The simulator's TiDB: runs SQL against a {@link KvStore}, writing rows, indexes, meta and DDL
 * jobs as TiDB does. On a fresh store it bootstraps TiDB's meta (the {@code mysql} database with
 * the DDL job tables, then the {@code test} database through a regular DDL job).
 *
 * <p>Transactions are serialised by one engine lock, held for an autocommit statement or from BEGIN
 * to COMMIT/ROLLBACK by the session's thread; DDL takes it too (TiDB has one DDL owner).
 * Thread-safe; a {@link Session} is not.
 */
public final class SqlEngine {
  private final KvStore store;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final AutoIds autoIds;
  private final DdlRunner ddl;
  private final DmlExecutor dml;
  private volatile InfoSchema schema;

  private SqlEngine(KvStore store) {
    this.store = store;
    this.autoIds = new AutoIds(store);
    this.ddl = new DdlRunner(store);
    this.dml = new DmlExecutor(autoIds);
  }

  /** An engine over {@code store}, bootstrapping TiDB's meta if the store has none. */
  public static SqlEngine start(KvStore store) {
    SqlEngine engine = new SqlEngine(store);
    if (!SystemTables.isBootstrapped(store)) {
      SystemTables.bootstrap(store, SqlEngine::systemTable);
      engine.reloadSchema();
      engine.execute("CREATE DATABASE IF NOT EXISTS test").orThrow();
    }
    engine.reloadSchema();
    return engine;
  }

  private static TableInfo systemTable(String sql, long tableId) {
    ParsedStatement p = SqlParser.parse(sql);
    CreateTable ct = (CreateTable) ((ParsedStatement.Parsed) p).statement();
    return TableDefinitions.build(ct, tableId, Charsets.Defaults.TIDB);
  }

  public KvStore store() {
    return store;
  }

  public Session newSession() {
    return new Session(this);
  }

  /**
   * Runs a script in a fresh session. A transaction left open at the end is rolled back and
   * reported as an error.
   */
  public ScriptResult execute(String script) {
    Session s = newSession();
    ScriptResult r = s.execute(script);
    if (s.inTransaction()) {
      s.rollback();
      if (r.ok()) {
        return new ScriptResult(
            r.results(),
            java.util.Optional.of(
                new ScriptResult.SqlError(
                    r.results().size(),
                    "",
                    "BEGIN without COMMIT: the transaction was rolled back")));
      }
    }
    return r;
  }

  /** The current schema, reloaded when another writer changed the schema version. */
  public InfoSchema schema() {
    InfoSchema s = schema;
    long version = Meta.schemaVersion(store, store.timestamp());
    if (s == null || s.version() != version) {
      s = reloadSchema();
    }
    return s;
  }

  InfoSchema reloadSchema() {
    InfoSchema s = InfoSchema.load(new Meta(Txn.begin(store)));
    schema = s;
    return s;
  }

  ReentrantLock lock() {
    return lock;
  }

  DdlRunner ddl() {
    return ddl;
  }

  DmlExecutor dml() {
    return dml;
  }

  AutoIds autoIds() {
    return autoIds;
  }
}
