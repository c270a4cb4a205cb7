package io.tidb.cdc.sim.ddl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.sim.catalog.Meta;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.TableInfo;

/** A DDL on a table that exists: its column and index changes. */
abstract class ExistingTableTask implements DdlTask {
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
