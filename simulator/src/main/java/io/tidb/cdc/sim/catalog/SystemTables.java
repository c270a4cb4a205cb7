package io.tidb.cdc.sim.catalog;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.txn.KvStore;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.key.MetaKeys;
import io.tidb.cdc.tidb.meta.CIStr;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.SystemTableIds;
import io.tidb.cdc.tidb.meta.TableInfo;

/**
 * The {@code mysql} database and the DDL job tables a fresh TiDB cluster creates before any user
 * DDL ({@code InitDDLTables} / {@code CreateMySQLDatabaseIfNotExists}): {@code mysql} takes the
 * first global ID, the job tables their reserved IDs ({@code metadef}), and the tables are built
 * from TiDB's own CREATE TABLE statements.
 */
public final class SystemTables {
  public static final String SYSTEM_DB = "mysql";
  public static final String JOB_TABLE = "tidb_ddl_job";
  public static final String HISTORY_TABLE = "tidb_ddl_history";
  public static final long JOB_TABLE_ID = SystemTableIds.DDL_JOB_TABLE_ID;
  public static final long HISTORY_TABLE_ID = SystemTableIds.DDL_HISTORY_TABLE_ID;

  /** TiDB's {@code JobTableSQL}. */
  public static final String JOB_TABLE_SQL =
      "create table mysql.tidb_ddl_job(job_id bigint not null, reorg int, schema_ids text(65535),"
          + " table_ids text(65535), job_meta longblob, type int, processing int,"
          + " primary key(job_id))";

  /** TiDB's {@code HistoryTableSQL}. */
  public static final String HISTORY_TABLE_SQL =
      "create table mysql.tidb_ddl_history(job_id bigint not null, job_meta longblob,"
          + " db_name char(64), table_name char(64), schema_ids text(65535),"
          + " table_ids text(65535), create_time datetime, primary key(job_id))";

  /** {@code meta.BaseDDLTableVersion}: the job, reorg and history tables exist. */
  private static final int DDL_TABLE_VERSION = 1;

  private SystemTables() {}

  /** Builds a TableInfo from a CREATE TABLE statement, as TiDB's {@code BuildTableInfoFromAST}. */
  @FunctionalInterface
  public interface TableDefinitionParser {
    TableInfo parse(String createTableSql, long tableId);
  }

  /** Whether the store already holds TiDB's meta (a schema version). */
  public static boolean isBootstrapped(KvStore store) {
    long ts = store.timestamp();
    return store.get(ByteString.copyFrom(MetaKeys.schemaVersionKey()), ts).isPresent();
  }

  /**
   * Writes the {@code mysql} database, {@code tidb_ddl_job} and {@code tidb_ddl_history} and the
   * first schema version in one transaction.
   *
   * @return the commit ts
   */
  public static long bootstrap(KvStore store, TableDefinitionParser parser) {
    Txn txn = Txn.begin(store);
    Meta meta = new Meta(txn);
    long dbId = meta.genGlobalIds(1);
    meta.createDatabase(
        new DBInfo(
            dbId, CIStr.of(SYSTEM_DB), "utf8mb4", "utf8mb4_bin", SchemaState.PUBLIC.code(), null));
    for (TableInfo t :
        new TableInfo[] {
          parser.parse(JOB_TABLE_SQL, JOB_TABLE_ID),
          parser.parse(HISTORY_TABLE_SQL, HISTORY_TABLE_ID)
        }) {
      meta.createTable(dbId, t.toBuilder().updateTimestamp(txn.startTs()).build());
    }
    meta.setDdlTableVersion(DDL_TABLE_VERSION);
    meta.genSchemaVersion();
    return txn.commit().orElseThrow();
  }
}
