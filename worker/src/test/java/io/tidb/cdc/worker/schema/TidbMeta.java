package io.tidb.cdc.worker.schema;

import io.tidb.cdc.tidb.key.MetaKeys;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.MetaJson;
import io.tidb.cdc.tidb.meta.SchemaDiff;
import io.tidb.cdc.tidb.meta.TableInfo;

/**
 * Writes TiDB's schema meta data into an {@link InMemoryMetaReader} key for key as TiDB's meta
 * package does: DBInfo JSON under {@code DBs/DB:{id}}, TableInfo JSON under {@code
 * DB:{id}/Table:{id}}, auto-ID counters beside them, the schema version as decimal text and a
 * schema diff per version.
 */
public final class TidbMeta {
  private final InMemoryMetaReader kv;
  private long version;

  public TidbMeta(InMemoryMetaReader kv) {
    this.kv = kv;
  }

  public InMemoryMetaReader kv() {
    return kv;
  }

  public TidbMeta createDatabase(DBInfo db, long ts) {
    kv.put(MetaKeys.databaseKey(db.id()), MetaJson.write(db), ts);
    return bumpVersion(ActionType.CREATE_SCHEMA, db.id(), 0, ts);
  }

  public TidbMeta createTable(long dbId, TableInfo table, long ts) {
    kv.put(MetaKeys.tableKey(dbId, table.id()), MetaJson.write(table), ts);
    kv.put(MetaKeys.autoTableIdKey(dbId, table.id()), MetaKeys.encodeIntValue(5000), ts);
    return bumpVersion(ActionType.CREATE_TABLE, dbId, table.id(), ts);
  }

  public TidbMeta dropTable(long dbId, long tableId, long ts) {
    kv.delete(MetaKeys.tableKey(dbId, tableId), ts);
    kv.delete(MetaKeys.autoTableIdKey(dbId, tableId), ts);
    return bumpVersion(ActionType.DROP_TABLE, dbId, tableId, ts);
  }

  /**
   * TiDB's first step of a DDL: the version key is bumped in its own transaction before the job
   * writes the diff; a reader in between must not count that version yet.
   */
  public TidbMeta bumpVersionWithoutDiff(long ts) {
    version++;
    kv.put(MetaKeys.schemaVersionKey(), MetaKeys.encodeIntValue(version), ts);
    return this;
  }

  public long version() {
    return version;
  }

  private TidbMeta bumpVersion(ActionType action, long dbId, long tableId, long ts) {
    version++;
    kv.put(MetaKeys.schemaVersionKey(), MetaKeys.encodeIntValue(version), ts);
    kv.put(
        MetaKeys.schemaDiffKey(version),
        MetaJson.write(SchemaDiff.of(version, action, dbId, tableId)),
        ts);
    return this;
  }
}
