package io.tidb.cdc.sim.ddl;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidb.cdc.sim.catalog.Meta;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.List;

/**
 * One DDL statement as a TiDB job: the IDs it needs at submission, its target and arguments, and
 * one meta change per schema state it passes through (TiDB's online schema change: e.g. ADD INDEX
 * goes delete-only, write-only, write-reorganization, public, each a transaction with its own
 * schema version). Validation happens before submission, so steps do not fail on bad input.
 */
public interface DdlTask {

  ActionType action();

  /** The statement text, recorded as the job's query. */
  String query();

  /** Global IDs the job needs besides its own ID (a new database or table ID). */
  default int idsNeeded() {
    return 0;
  }

  /** Receives the IDs allocated at submission, in allocation order. */
  default void assignIds(long[] ids) {}

  /** The job's target and arguments once IDs are assigned. */
  Target target();

  /** The schema states the job steps through; the last step finishes it. */
  default List<SchemaState> states() {
    return List.of(SchemaState.PUBLIC);
  }

  /** Applies step {@code step} (an index into {@link #states()}) to meta. */
  Step apply(Meta meta, int step);

  /**
   * Who the job is about and its arguments (job version 2: one JSON object).
   *
   * @param involving {@code involving_schema_info}, or null
   */
  record Target(
      long schemaId,
      String schemaName,
      long tableId,
      String tableName,
      JsonNode args,
      JsonNode involving) {}

  /**
   * What one step changed: the schema diff's IDs and, on the last step, the database or table info
   * recorded in the job's binlog. {@code finishedArgs} replaces the job's args when set.
   */
  record Step(
      long diffSchemaId,
      long diffTableId,
      long oldSchemaId,
      long oldTableId,
      DBInfo dbInfo,
      TableInfo tableInfo,
      JsonNode finishedArgs) {

    public static Step ofTable(long schemaId, TableInfo table) {
      return new Step(schemaId, table.id(), 0, 0, null, table, null);
    }

    public static Step ofDatabase(DBInfo db) {
      return new Step(db.id(), 0, 0, 0, db, null, null);
    }

    public Step withFinishedArgs(JsonNode args) {
      return new Step(diffSchemaId, diffTableId, oldSchemaId, oldTableId, dbInfo, tableInfo, args);
    }

    public Step withOld(long schemaId, long tableId) {
      return new Step(
          diffSchemaId, diffTableId, schemaId, tableId, dbInfo, tableInfo, finishedArgs);
    }
  }
}
