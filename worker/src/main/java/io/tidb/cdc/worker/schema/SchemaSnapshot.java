package io.tidb.cdc.worker.schema;

import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole upstream schema at one version: databases and tables by ID and by name, and every
 * physical table ID (a partition, or an unpartitioned table) mapped to its table. Immutable and
 * safe to share between threads. Names are matched case-insensitively, as TiDB does.
 */
public final class SchemaSnapshot {
  private final long ts;
  private final long schemaVersion;
  private final Map<Long, DBInfo> databases;
  private final Map<String, Long> databaseIds;
  private final Map<Long, TableDef> tables;
  private final Map<NameKey, Long> tableIds;
  private final Map<Long, TableDef> physical;
  private final Set<Long> truncated;

  /** A table name inside a database, lower-cased. */
  record NameKey(long schemaId, String lowerName) {
    static NameKey of(long schemaId, String name) {
      return new NameKey(schemaId, lower(name));
    }
  }

  SchemaSnapshot(
      long ts,
      long schemaVersion,
      Map<Long, DBInfo> databases,
      Map<String, Long> databaseIds,
      Map<Long, TableDef> tables,
      Map<NameKey, Long> tableIds,
      Map<Long, TableDef> physical,
      Set<Long> truncated) {
    this.ts = ts;
    this.schemaVersion = schemaVersion;
    this.databases = Collections.unmodifiableMap(databases);
    this.databaseIds = Collections.unmodifiableMap(databaseIds);
    this.tables = Collections.unmodifiableMap(tables);
    this.tableIds = Collections.unmodifiableMap(tableIds);
    this.physical = Collections.unmodifiableMap(physical);
    this.truncated = Collections.unmodifiableSet(truncated);
  }

  /** A schema without databases, valid from {@code ts}. */
  public static SchemaSnapshot empty(long ts) {
    return new SnapshotBuilder(ts, 0).build();
  }

  /**
   * A snapshot of the given databases and their tables, as read from TiDB's meta data at {@code
   * ts}.
   *
   * @param tablesBySchema table infos keyed by database ID
   * @throws SchemaException when a table names a database that is not given, or IDs collide
   */
  public static SchemaSnapshot of(
      long ts, long schemaVersion, List<DBInfo> dbs, Map<Long, List<TableInfo>> tablesBySchema) {
    SnapshotBuilder b = new SnapshotBuilder(ts, schemaVersion);
    for (DBInfo db : dbs) {
      b.createSchema(db);
    }
    tablesBySchema.forEach(
        (schemaId, infos) -> {
          for (TableInfo t : infos) {
            b.createTable(schemaId, t);
          }
        });
    return b.build();
  }

  /** The finished ts of the DDL job that produced this version (or the load ts). */
  public long ts() {
    return ts;
  }

  /** TiDB's schema version this snapshot corresponds to. */
  public long schemaVersion() {
    return schemaVersion;
  }

  public Optional<DBInfo> database(long schemaId) {
    return Optional.ofNullable(databases.get(schemaId));
  }

  public Optional<DBInfo> database(String name) {
    Long id = databaseIds.get(lower(name));
    return id == null ? Optional.empty() : database(id);
  }

  /** All databases, by ID. */
  public List<DBInfo> databases() {
    return databases.values().stream().sorted(Comparator.comparingLong(DBInfo::id)).toList();
  }

  /** A table by its logical ID. */
  public Optional<TableDef> table(long tableId) {
    return Optional.ofNullable(tables.get(tableId));
  }

  public Optional<TableDef> table(String schema, String table) {
    Long schemaId = databaseIds.get(lower(schema));
    if (schemaId == null) {
      return Optional.empty();
    }
    Long id = tableIds.get(NameKey.of(schemaId, table));
    return id == null ? Optional.empty() : table(id);
  }

  /** The table rows under {@code t{physicalId}} belong to: a partition's table, or the table. */
  public Optional<TableDef> physicalTable(long physicalId) {
    return Optional.ofNullable(physical.get(physicalId));
  }

  /** All tables (views included), by ID. */
  public List<TableDef> tables() {
    return tables.values().stream().sorted(Comparator.comparingLong(TableDef::id)).toList();
  }

  public List<TableDef> tablesIn(long schemaId) {
    return tables.values().stream()
        .filter(t -> t.schemaId() == schemaId)
        .sorted(Comparator.comparingLong(TableDef::id))
        .toList();
  }

  /**
   * Whether rows under {@code physicalId} belong to a table or partition that a TRUNCATE replaced:
   * writes still in flight under the old ID are dropped, not an error.
   */
  public boolean isTruncated(long physicalId) {
    return truncated.contains(physicalId);
  }

  public int tableCount() {
    return tables.size();
  }

  @Override
  public String toString() {
    return "SchemaSnapshot[ts="
        + ts
        + " version="
        + schemaVersion
        + " databases="
        + databases.size()
        + " tables="
        + tables.size()
        + "]";
  }

  /** A mutable copy for the next version. */
  SnapshotBuilder toBuilder(long newTs, long newSchemaVersion) {
    return new SnapshotBuilder(
        newTs,
        newSchemaVersion,
        new HashMap<>(databases),
        new HashMap<>(databaseIds),
        new HashMap<>(tables),
        new HashMap<>(tableIds),
        new HashMap<>(physical),
        new HashSet<>(truncated));
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
