package io.tidb.cdc.sim.catalog;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.txn.KvStore;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.key.KeySpan;
import io.tidb.cdc.tidb.key.MetaKeys;
import io.tidb.cdc.tidb.key.StructureKeys;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.Job;
import io.tidb.cdc.tidb.meta.MetaJson;
import io.tidb.cdc.tidb.meta.SchemaDiff;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TiDB's schema meta data read and written inside one transaction, key for key as TiDB's {@code
 * meta.Mutator} does: integer strings as decimal text, databases in the {@code DBs} hash, tables
 * and auto-ID counters in the {@code DB:{id}} hash, finished jobs in {@code DDLJobHistory}.
 */
public final class Meta {
  /** TiDB's {@code MaxGlobalID}: IDs above it are reserved for system objects. */
  public static final long MAX_GLOBAL_ID = (1L << 48) - 1 - 1000;

  private static final StructureKeys META = StructureKeys.META;
  private static final String DDL_TABLE_VERSION = "DDLTableVersion";
  private static final String AUTO_TABLE_ID = "TID";

  private final Txn txn;

  public Meta(Txn txn) {
    this.txn = txn;
  }

  public Txn txn() {
    return txn;
  }

  /** The meta start ts TiDB records as a job's FinishedTS and a table's update timestamp. */
  public long startTs() {
    return txn.startTs();
  }

  // ---- global IDs and schema versions ----

  /** Allocates {@code n} consecutive global IDs ({@code GenGlobalIDs}); returns the first. */
  public long genGlobalIds(int n) {
    long last = incString(MetaKeys.NEXT_GLOBAL_ID, n);
    if (last > MAX_GLOBAL_ID) {
      throw new IllegalStateException("global id " + last + " exceeds " + MAX_GLOBAL_ID);
    }
    return last - n + 1;
  }

  public long genSchemaVersion() {
    return incString(MetaKeys.SCHEMA_VERSION, 1);
  }

  public long schemaVersion() {
    return readString(MetaKeys.SCHEMA_VERSION).map(MetaKeys::decodeIntValue).orElse(0L);
  }

  /** Reads the schema version at {@code ts} without a transaction. */
  public static long schemaVersion(KvStore store, long ts) {
    return store
        .get(ByteString.copyFrom(MetaKeys.schemaVersionKey()), ts)
        .map(v -> MetaKeys.decodeIntValue(v.toByteArray()))
        .orElse(0L);
  }

  public void setSchemaDiff(SchemaDiff diff) {
    txn.put(MetaKeys.schemaDiffKey(diff.version()), MetaJson.write(diff));
  }

  public void setDdlTableVersion(int version) {
    txn.put(stringKey(DDL_TABLE_VERSION), MetaKeys.encodeIntValue(version));
  }

  // ---- databases ----

  public List<DBInfo> listDatabases() {
    List<DBInfo> out = new ArrayList<>();
    for (KvStore.KvPair p : scan(MetaKeys.databasesSpan())) {
      out.add(MetaJson.readDbInfo(p.value().toByteArray()));
    }
    return out;
  }

  public Optional<DBInfo> database(long dbId) {
    return txn.get(MetaKeys.databaseKey(dbId)).map(MetaJson::readDbInfo);
  }

  public void createDatabase(DBInfo db) {
    if (database(db.id()).isPresent()) {
      throw new IllegalStateException("database " + db.id() + " already exists in meta");
    }
    txn.put(MetaKeys.databaseKey(db.id()), MetaJson.write(db));
  }

  public void updateDatabase(DBInfo db) {
    requireDatabase(db.id());
    txn.put(MetaKeys.databaseKey(db.id()), MetaJson.write(db));
  }

  /** Removes the database entry and its whole hash (tables, auto-ID counters). */
  public void dropDatabase(long dbId) {
    for (KvStore.KvPair p : scan(MetaKeys.databaseEntriesSpan(dbId))) {
      txn.delete(p.key());
    }
    txn.delete(MetaKeys.databaseKey(dbId));
  }

  // ---- tables ----

  public List<TableInfo> listTables(long dbId) {
    List<TableInfo> out = new ArrayList<>();
    for (KvStore.KvPair p : scan(MetaKeys.databaseEntriesSpan(dbId))) {
      byte[] field = META.decode(p.key().toByteArray()).field();
      if (MetaKeys.parseTableField(field).isPresent()) {
        out.add(MetaJson.readTableInfo(p.value().toByteArray()));
      }
    }
    return out;
  }

  public Optional<TableInfo> table(long dbId, long tableId) {
    return txn.get(MetaKeys.tableKey(dbId, tableId)).map(MetaJson::readTableInfo);
  }

  public void createTable(long dbId, TableInfo table) {
    requireDatabase(dbId);
    if (table(dbId, table.id()).isPresent()) {
      throw new IllegalStateException("table " + table.id() + " already exists in meta");
    }
    txn.put(MetaKeys.tableKey(dbId, table.id()), MetaJson.write(table));
  }

  /** Writes a changed table; like TiDB's {@code UpdateTable} it bumps the revision. */
  public TableInfo updateTable(long dbId, TableInfo table) {
    requireDatabase(dbId);
    if (table(dbId, table.id()).isEmpty()) {
      throw new IllegalStateException("table " + table.id() + " does not exist in meta");
    }
    TableInfo revised = table.toBuilder().revision(table.revision() + 1).build();
    txn.put(MetaKeys.tableKey(dbId, table.id()), MetaJson.write(revised));
    return revised;
  }

  public void dropTable(long dbId, long tableId) {
    requireDatabase(dbId);
    txn.delete(MetaKeys.tableKey(dbId, tableId));
  }

  // ---- auto IDs (TID:{tableID} in the database hash) ----

  public long autoTableId(long dbId, long tableId) {
    return txn.get(autoIdKey(dbId, tableId)).map(MetaKeys::decodeIntValue).orElse(0L);
  }

  /** {@code HInc} of the table's row-ID counter; returns the new value. */
  public long incAutoTableId(long dbId, long tableId, long step) {
    long next = autoTableId(dbId, tableId) + step;
    txn.put(autoIdKey(dbId, tableId), MetaKeys.encodeIntValue(next));
    return next;
  }

  public void setAutoTableId(long dbId, long tableId, long value) {
    txn.put(autoIdKey(dbId, tableId), MetaKeys.encodeIntValue(value));
  }

  public void deleteAutoTableId(long dbId, long tableId) {
    txn.delete(autoIdKey(dbId, tableId));
  }

  private static byte[] autoIdKey(long dbId, long tableId) {
    return META.hashDataKey(MetaKeys.databaseField(dbId), utf8(AUTO_TABLE_ID + ":" + tableId));
  }

  // ---- DDL history ----

  /** Adds a finished job to the {@code DDLJobHistory} hash, as every TiDB still does. */
  public void addHistoryJob(Job job) {
    txn.put(MetaKeys.historyJobKey(job.id()), MetaJson.write(job));
  }

  public Optional<Job> historyJob(long jobId) {
    return txn.get(MetaKeys.historyJobKey(jobId)).map(MetaJson::readJob);
  }

  // ---- helpers ----

  private void requireDatabase(long dbId) {
    if (database(dbId).isEmpty()) {
      throw new IllegalStateException("database " + dbId + " does not exist in meta");
    }
  }

  private List<KvStore.KvPair> scan(KeySpan span) {
    return txn.scan(ByteString.copyFrom(span.start()), ByteString.copyFrom(span.end()));
  }

  private long incString(String key, long step) {
    long next = readString(key).map(MetaKeys::decodeIntValue).orElse(0L) + step;
    txn.put(stringKey(key), MetaKeys.encodeIntValue(next));
    return next;
  }

  private Optional<byte[]> readString(String key) {
    return txn.get(stringKey(key));
  }

  private static byte[] stringKey(String key) {
    return META.stringDataKey(utf8(key));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
