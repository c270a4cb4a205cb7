package io.tidb.cdc.sim.ddl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.sim.catalog.Meta;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.List;

/** A DDL on a table that exists: its column and index changes. */
abstract class ExistingTableTask implements DdlTask {
  /** TiDB's online schema change states for adding a column or an index, in order. */
  static final List<SchemaState> ADDING =
      List.of(
          SchemaState.DELETE_ONLY,
          SchemaState.WRITE_ONLY,
          SchemaState.WRITE_REORGANIZATION,
          SchemaState.PUBLIC);

  /** The states for dropping one, in order. */
  static final List<SchemaState> DROPPING =
      List.of(
          SchemaState.WRITE_ONLY,
          SchemaState.DELETE_ONLY,
          SchemaState.DELETE_REORGANIZATION,
          SchemaState.NONE);

  final DBInfo db;
  final TableInfo table;
  final String query;

  ExistingTableTask(DBInfo db, TableInfo table, String query) {
    this.db = db;
    this.table = table;
    this.query = query;
  }

  @Override
  public String query() {
    return query;
  }

  Target targetWith(ObjectNode args) {
    return new Target(
        db.id(),
        db.name().original(),
        table.id(),
        table.name().original(),
        args,
        TableTasks.involving(db.name().original(), table.name().original()));
  }

  Step save(Meta meta, TableInfo t) {
    return Step.ofTable(db.id(), meta.updateTable(db.id(), TableTasks.touch(meta, t)));
  }
}
