package io.tidb.cdc.worker.schema;

import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.worker.schema.SchemaSnapshot.NameKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutations a DDL job makes, on a private copy of a snapshot's maps. Each method checks that
 * the schema it changes is what the job expects and names the mismatch otherwise.
 */
final class SnapshotBuilder {
  private final long ts;
  private final long schemaVersion;
  private final Map<Long, DBInfo> databases;
  private final Map<String, Long> databaseIds;
  private final Map<Long, TableDef> tables;
  private final Map<NameKey, Long> tableIds;
  private final Map<Long, TableDef> physical;
  private final Set<Long> truncated;
  private boolean built;

  SnapshotBuilder(long ts, long schemaVersion) {
    this(
        ts,
        schemaVersion,
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>(),
        new HashMap<>(),
        new HashSet<>());
  }

  SnapshotBuilder(
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
    this.databases = databases;
    this.databaseIds = databaseIds;
    this.tables = tables;
    this.tableIds = tableIds;
    this.physical = physical;
    this.truncated = truncated;
  }

  SchemaSnapshot build() {
    if (built) {
      throw new IllegalStateException("snapshot builder used twice");
    }
    built = true;
    return new SchemaSnapshot(
        ts, schemaVersion, databases, databaseIds, tables, tableIds, physical, truncated);
  }

  DBInfo requireSchema(long schemaId) {
    DBInfo db = databases.get(schemaId);
    if (db == null) {
      throw new SchemaException("database " + schemaId + " is not in the schema");
    }
    return db;
  }

  boolean hasSchema(long schemaId) {
    return databases.containsKey(schemaId);
  }

  TableDef requireTable(long tableId) {
    TableDef t = tables.get(tableId);
    if (t == null) {
      throw new SchemaException("table " + tableId + " is not in the schema");
    }
    return t;
  }

  TableDef table(long tableId) {
    return tables.get(tableId);
  }

  /** The table rows under {@code physicalId} belong to, or null. */
  TableDef physical(long physicalId) {
    return physical.get(physicalId);
  }

  TableDef tableByName(long schemaId, String name) {
    Long id = tableIds.get(NameKey.of(schemaId, name));
    return id == null ? null : tables.get(id);
  }

  void createSchema(DBInfo db) {
    if (databases.containsKey(db.id())) {
      throw new SchemaException(
          "database " + db.name() + " (id " + db.id() + ") already exists in the schema");
    }
    Long sameName = databaseIds.get(SchemaSnapshot.lower(db.name().original()));
    if (sameName != null) {
      throw new SchemaException(
          "database name " + db.name() + " is already taken by database id " + sameName);
    }
    putSchema(db);
  }

  /** Replaces a database's info (charset, collation, placement), keeping its tables. */
  void replaceSchema(DBInfo db) {
    DBInfo old = requireSchema(db.id());
    databaseIds.remove(SchemaSnapshot.lower(old.name().original()));
    putSchema(db);
    if (!old.name().original().equals(db.name().original())) {
      for (TableDef t : List.copyOf(tables.values())) {
        if (t.schemaId() == db.id()) {
          putTable(new TableDef(db.id(), db.name().original(), t.info()));
        }
      }
    }
  }

  /** Drops a database and every table in it. */
  void dropSchema(long schemaId) {
    DBInfo db = requireSchema(schemaId);
    for (TableDef t : List.copyOf(tables.values())) {
      if (t.schemaId() == schemaId) {
        removeTable(t);
      }
    }
    databases.remove(schemaId);
    databaseIds.remove(SchemaSnapshot.lower(db.name().original()));
  }

  TableDef createTable(long schemaId, TableInfo info) {
    DBInfo db = requireSchema(schemaId);
    if (tables.containsKey(info.id())) {
      TableDef old = tables.get(info.id());
      throw new SchemaException(
          "cannot create table "
              + db.name()
              + "."
              + info.name()
              + ": table id "
              + info.id()
              + " is already "
              + old.qualifiedName());
    }
    for (long pid : info.physicalTableIds()) {
      TableDef owner = physical.get(pid);
      if (owner != null) {
        throw new SchemaException(
            "cannot create table "
                + db.name()
                + "."
                + info.name()
                + ": physical table id "
                + pid
                + " already belongs to "
                + owner.qualifiedName());
      }
    }
    TableDef def = new TableDef(schemaId, db.name().original(), info);
    putTable(def);
    return def;
  }

  TableDef dropTable(long tableId) {
    TableDef t = requireTable(tableId);
    removeTable(t);
    return t;
  }

  /**
   * Replaces a table's info under the same ID. Partitions no longer present stop mapping to it;
   * with {@code removedPartitions == TRUNCATED} they are remembered as truncated.
   */
  TableDef replaceTable(TableInfo info, RemovedIds removedPartitions) {
    TableDef old = requireTable(info.id());
    removeTable(old);
    if (removedPartitions == RemovedIds.TRUNCATED) {
      Set<Long> kept = new HashSet<>(info.physicalTableIds());
      for (long pid : old.physicalTableIds()) {
        if (!kept.contains(pid)) {
          truncated.add(pid);
        }
      }
    }
    TableDef def = new TableDef(old.schemaId(), old.schemaName(), info);
    putTable(def);
    return def;
  }

  /** Remembers that writes under these physical IDs belong to a truncated table. */
  void markTruncated(List<Long> physicalIds) {
    truncated.addAll(physicalIds);
  }

  /** What becomes of physical IDs a replacement no longer has. */
  enum RemovedIds {
    DROPPED,
    TRUNCATED
  }

  private void putSchema(DBInfo db) {
    databases.put(db.id(), db);
    databaseIds.put(SchemaSnapshot.lower(db.name().original()), db.id());
  }

  private void putTable(TableDef def) {
    tables.put(def.id(), def);
    tableIds.put(NameKey.of(def.schemaId(), def.name()), def.id());
    for (long pid : def.physicalTableIds()) {
      physical.put(pid, def);
    }
  }

  private void removeTable(TableDef t) {
    tables.remove(t.id());
    tableIds.remove(NameKey.of(t.schemaId(), t.name()), t.id());
    for (long pid : t.physicalTableIds()) {
      physical.remove(pid, t);
    }
  }
}
