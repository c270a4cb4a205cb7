package io.tidb.cdc.worker.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.HistoryInfo;
import io.tidb.cdc.tidb.meta.Job;
import io.tidb.cdc.tidb.meta.MetaJson;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.worker.schema.SnapshotBuilder.RemovedIds;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one finished DDL job to a snapshot, producing the next version. The job's binlog info
 * holds the resulting database or table info; which entries it replaces follows the action, as
 * TiCDC's schema snapshot does it.
 */
final class DdlApplier {
  /**
   * The actions TiCDC applies to its schema storage: one of these that names a table or database
   * the schema lacks means the schema has diverged from upstream, which is an error.
   */
  private static final Set<ActionType> REQUIRED =
      EnumSet.of(
          ActionType.CREATE_SCHEMA,
          ActionType.DROP_SCHEMA,
          ActionType.MODIFY_SCHEMA_CHARSET_AND_COLLATE,
          ActionType.CREATE_TABLE,
          ActionType.CREATE_TABLES,
          ActionType.DROP_TABLE,
          ActionType.TRUNCATE_TABLE,
          ActionType.RENAME_TABLE,
          ActionType.RENAME_TABLES,
          ActionType.RECOVER_TABLE,
          ActionType.MODIFY_TABLE_COMMENT,
          ActionType.MODIFY_TABLE_CHARSET_AND_COLLATE,
          ActionType.CREATE_VIEW,
          ActionType.DROP_VIEW,
          ActionType.ADD_TABLE_PARTITION,
          ActionType.DROP_TABLE_PARTITION,
          ActionType.TRUNCATE_TABLE_PARTITION,
          ActionType.EXCHANGE_TABLE_PARTITION,
          ActionType.REORGANIZE_PARTITION,
          ActionType.ALTER_TABLE_PARTITIONING,
          ActionType.REMOVE_PARTITIONING,
          ActionType.ADD_COLUMN,
          ActionType.DROP_COLUMN,
          ActionType.MODIFY_COLUMN,
          ActionType.SET_DEFAULT_VALUE,
          ActionType.REBASE_AUTO_ID,
          ActionType.ADD_PRIMARY_KEY,
          ActionType.DROP_PRIMARY_KEY,
          ActionType.ADD_INDEX,
          ActionType.DROP_INDEX,
          ActionType.RENAME_INDEX,
          ActionType.ALTER_INDEX_VISIBILITY,
          ActionType.ALTER_TTL_INFO,
          ActionType.ALTER_TTL_REMOVE,
          ActionType.MULTI_SCHEMA_CHANGE,
          ActionType.ADD_COLUMNS,
          ActionType.DROP_COLUMNS);

  private static final ObjectMapper JSON = MetaJson.mapper();

  private DdlApplier() {}

  static ApplyResult apply(SchemaSnapshot base, DdlJob ddl) {
    ActionType action = ddl.action().orElse(null);
    if (action == null) {
      return new ApplyResult.Skipped(
          ddl, "unknown DDL action type " + ddl.job().type() + ": the schema is left as it was");
    }
    SnapshotBuilder b = base.toBuilder(ddl.finishedTs(), ddl.schemaVersion());
    try {
      String skip = mutate(b, ddl, action);
      if (skip != null) {
        return new ApplyResult.Skipped(ddl, skip);
      }
    } catch (SchemaException e) {
      throw new SchemaException(
          "cannot apply " + ddl + " (" + ddl.query() + "): " + e.getMessage(), e);
    }
    return new ApplyResult.Applied(ddl, base, b.build());
  }

  /** Applies the job; returns why it was skipped, or null when it changed the schema. */
  private static String mutate(SnapshotBuilder b, DdlJob ddl, ActionType action) {
    Job job = ddl.job();
    HistoryInfo bin = ddl.binlog();
    switch (action) {
      case CREATE_SCHEMA -> b.createSchema(db(bin));
      case MODIFY_SCHEMA_CHARSET_AND_COLLATE,
          MODIFY_SCHEMA_DEFAULT_PLACEMENT,
          MODIFY_SCHEMA_READ_ONLY -> {
        if (bin.dbInfo() == null) {
          return "the job carries no database info";
        }
        b.replaceSchema(bin.dbInfo());
      }
      case DROP_SCHEMA -> b.dropSchema(job.schemaId());
      case CREATE_TABLE, RECOVER_TABLE -> b.createTable(job.schemaId(), table(bin));
      case CREATE_VIEW -> createView(b, job.schemaId(), table(bin));
      case CREATE_TABLES -> {
        for (TableInfo t : multiple(bin)) {
          b.createTable(job.schemaId(), t);
        }
      }
      case DROP_TABLE, DROP_VIEW -> b.dropTable(job.tableId());
      case TRUNCATE_TABLE -> {
        TableDef old = b.dropTable(job.tableId());
        b.markTruncated(old.physicalTableIds());
        b.createTable(old.schemaId(), table(bin));
      }
      case RENAME_TABLE -> {
        b.dropTable(job.tableId());
        // Moved into a database this snapshot lacks: nothing to replicate from it later.
        if (b.hasSchema(job.schemaId())) {
          b.createTable(job.schemaId(), table(bin));
        }
      }
      case RENAME_TABLES -> renameTables(b, job, multiple(bin));
      case ADD_TABLE_PARTITION, DROP_TABLE_PARTITION ->
          b.replaceTable(table(bin), RemovedIds.DROPPED);
      case TRUNCATE_TABLE_PARTITION, REORGANIZE_PARTITION ->
          b.replaceTable(table(bin), RemovedIds.TRUNCATED);
      case EXCHANGE_TABLE_PARTITION -> exchangePartition(b, table(bin));
      case ALTER_TABLE_PARTITIONING, REMOVE_PARTITIONING -> {
        TableDef old = b.dropTable(job.tableId());
        b.markTruncated(old.physicalTableIds());
        b.createTable(old.schemaId(), table(bin));
      }
      default -> {
        return replaceOrSkip(b, ddl, action);
      }
    }
    return null;
  }

  /** Any other table-level job: its binlog info is the table's new info under the same ID. */
  private static String replaceOrSkip(SnapshotBuilder b, DdlJob ddl, ActionType action) {
    TableInfo info = ddl.binlog().tableInfo();
    if (info == null) {
      if (REQUIRED.contains(action)) {
        throw new SchemaException("the job carries no table info");
      }
      return action + " changes no table";
    }
    if (b.table(info.id()) == null) {
      if (REQUIRED.contains(action)) {
        throw new SchemaException(
            "table "
                + ddl.job().schemaName()
                + "."
                + info.name()
                + " (id "
                + info.id()
                + ") is not in the schema");
      }
      return action + " on table id " + info.id() + ", which the schema does not hold";
    }
    b.replaceTable(info, RemovedIds.DROPPED);
    return null;
  }

  /** CREATE OR REPLACE VIEW drops the old view and creates the new one under a new ID. */
  private static void createView(SnapshotBuilder b, long schemaId, TableInfo view) {
    b.requireSchema(schemaId);
    TableDef old = b.tableByName(schemaId, view.name().original());
    if (old != null && old.isView() && old.id() != view.id()) {
      b.dropTable(old.id());
    } else if (old != null && old.id() == view.id()) {
      b.replaceTable(view, RemovedIds.DROPPED);
      return;
    }
    b.createTable(schemaId, view);
  }

  private static void renameTables(SnapshotBuilder b, Job job, List<TableInfo> infos) {
    Map<Long, Long> newSchemaByTable = renameTargets(job);
    for (TableInfo t : infos) {
      b.dropTable(t.id());
    }
    for (TableInfo t : infos) {
      Long schemaId = newSchemaByTable.get(t.id());
      if (schemaId == null) {
        throw new SchemaException(
            "the job's arguments name no target database for table id " + t.id());
      }
      if (b.hasSchema(schemaId)) {
        b.createTable(schemaId, t);
      }
    }
  }

  /**
   * Table ID to new database ID from RENAME TABLES arguments: job version 1 writes {@code
   * [oldSchemaIDs, newSchemaIDs, newTableNames, tableIDs, ...]}, version 2 one object with {@code
   * rename_table_infos}.
   */
  private static Map<Long, Long> renameTargets(Job job) {
    JsonNode args = job.rawArgs();
    Map<Long, Long> out = new HashMap<>();
    if (args != null && args.isArray() && args.size() >= 4 && args.get(1).isArray()) {
      JsonNode newSchemas = args.get(1);
      JsonNode tableIds = args.get(3);
      for (int i = 0; i < tableIds.size() && i < newSchemas.size(); i++) {
        out.put(tableIds.get(i).asLong(), newSchemas.get(i).asLong());
      }
      return out;
    }
    JsonNode obj = args != null && args.isArray() && args.size() == 1 ? args.get(0) : args;
    JsonNode infos = obj == null ? null : obj.get("rename_table_infos");
    if (infos == null || !infos.isArray()) {
      throw new SchemaException("cannot read the RENAME TABLES arguments " + args);
    }
    for (JsonNode i : infos) {
      out.put(i.path("table_id").asLong(), i.path("new_schema_id").asLong());
    }
    return out;
  }

  /**
   * EXCHANGE PARTITION swaps IDs: the normal table's ID becomes a partition of the partitioned
   * table, and the normal table lives on under the exchanged partition's ID.
   */
  private static void exchangePartition(SnapshotBuilder b, TableInfo partitioned) {
    TableDef old = b.requireTable(partitioned.id());
    if (!old.isPartitioned() || !partitioned.isPartitioned()) {
      throw new SchemaException("table " + old.qualifiedName() + " is not partitioned");
    }
    Set<Long> before = new HashSet<>(old.physicalTableIds());
    Set<Long> after = new HashSet<>(partitioned.physicalTableIds());
    List<Long> added = after.stream().filter(id -> !before.contains(id)).toList();
    List<Long> removed = before.stream().filter(id -> !after.contains(id)).toList();
    if (added.size() != 1 || removed.size() != 1) {
      throw new SchemaException(
          "exchange partition on "
              + old.qualifiedName()
              + " must swap exactly one partition, but added "
              + added
              + " and removed "
              + removed);
    }
    TableDef source = b.dropTable(added.get(0));
    b.replaceTable(partitioned, RemovedIds.DROPPED);
    b.createTable(source.schemaId(), withId(source.info(), removed.get(0)));
  }

  private static TableInfo withId(TableInfo info, long id) {
    ObjectNode tree = JSON.valueToTree(info);
    tree.put("id", id);
    try {
      return JSON.treeToValue(tree, TableInfo.class);
    } catch (java.io.IOException e) {
      throw new SchemaException(
          "cannot re-identify table " + info.name() + ": " + e.getMessage(), e);
    }
  }

  private static DBInfo db(HistoryInfo bin) {
    if (bin.dbInfo() == null) {
      throw new SchemaException("the job carries no database info");
    }
    return bin.dbInfo();
  }

  private static TableInfo table(HistoryInfo bin) {
    if (bin.tableInfo() == null) {
      throw new SchemaException("the job carries no table info");
    }
    return bin.tableInfo();
  }

  private static List<TableInfo> multiple(HistoryInfo bin) {
    if (bin.multipleTableInfos() == null || bin.multipleTableInfos().isEmpty()) {
      throw new SchemaException("the job carries no table infos");
    }
    return bin.multipleTableInfos();
  }
}
