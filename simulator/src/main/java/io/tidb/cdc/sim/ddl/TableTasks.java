package io.tidb.cdc.sim.ddl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.sim.catalog.Json;
import io.tidb.cdc.sim.catalog.Meta;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.CIStr;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.List;
import java.util.function.LongFunction;

/**
 * CREATE TABLE, DROP TABLE, TRUNCATE TABLE and RENAME TABLE as TiDB's {@code onCreateTable}, {@code
 * onDropTableOrView}, {@code onTruncateTable} and {@code onRenameTable}. Dropped or truncated data
 * stays in the store, as in TiDB until GC removes the range.
 */
public final class TableTasks {
  private TableTasks() {}

  /** {@code definition} builds the table once its ID is allocated. */
  public static DdlTask create(
      DBInfo db, String name, LongFunction<TableInfo> definition, String query) {
    return new Create(db, name, definition, query);
  }

  public static DdlTask drop(DBInfo db, TableInfo table, String query) {
    return new Drop(db, table, query);
  }

  public static DdlTask truncate(DBInfo db, TableInfo table, String query) {
    return new Truncate(db, table, query);
  }

  public static DdlTask rename(
      DBInfo from, TableInfo table, DBInfo to, String newName, String query) {
    return new Rename(from, table, to, newName, query);
  }

  static TableInfo touch(Meta meta, TableInfo t) {
    return t.toBuilder().updateTimestamp(meta.startTs()).build();
  }

  static ArrayNode involving(String db, String table) {
    ArrayNode a = Json.array();
    a.add(Json.involving(db, table));
    return a;
  }

  private abstract static class Base implements DdlTask {
    final DBInfo db;
    final String query;

    Base(DBInfo db, String query) {
      this.db = db;
      this.query = query;
    }

    @Override
    public String query() {
      return query;
    }
  }

  private static final class Create extends Base {
    private final String name;
    private final LongFunction<TableInfo> definition;
    private TableInfo table;

    Create(DBInfo db, String name, LongFunction<TableInfo> definition, String query) {
      super(db, query);
      this.name = name;
      this.definition = definition;
    }

    @Override
    public ActionType action() {
      return ActionType.CREATE_TABLE;
    }

    @Override
    public int idsNeeded() {
      return 1;
    }

    @Override
    public void assignIds(long[] ids) {
      table = definition.apply(ids[0]).toBuilder().state(SchemaState.NONE).build();
    }

    @Override
    public Target target() {
      ObjectNode args = Json.object();
      args.set("table_info", Json.tree(table));
      args.put("fk_check", true);
      return new Target(
          db.id(),
          db.name().original(),
          table.id(),
          name,
          args,
          involving(db.name().original(), name));
    }

    @Override
    public Step apply(Meta meta, int step) {
      TableInfo created = touch(meta, table.toBuilder().state(SchemaState.PUBLIC).build());
      meta.createTable(db.id(), created);
      return Step.ofTable(db.id(), created);
    }
  }

  private static final class Drop extends Base {
    private final TableInfo table;

    Drop(DBInfo db, TableInfo table, String query) {
      super(db, query);
      this.table = table;
    }

    @Override
    public ActionType action() {
      return ActionType.DROP_TABLE;
    }

    @Override
    public Target target() {
      ObjectNode ident = Json.object();
      ident.set("Schema", Json.name(db.name().original()));
      ident.set("Name", Json.name(table.name().original()));
      ObjectNode args = Json.object();
      args.set("identifiers", Json.array().add(ident));
      args.put("fk_check", true);
      return new Target(
          db.id(),
          db.name().original(),
          table.id(),
          table.name().original(),
          args,
          involving(db.name().original(), table.name().original()));
    }

    @Override
    public List<SchemaState> states() {
      return List.of(SchemaState.WRITE_ONLY, SchemaState.DELETE_ONLY, SchemaState.NONE);
    }

    @Override
    public Step apply(Meta meta, int step) {
      TableInfo current = meta.table(db.id(), table.id()).orElseThrow();
      SchemaState next = states().get(step);
      TableInfo changed = touch(meta, current.toBuilder().state(next).build());
      if (next != SchemaState.NONE) {
        return Step.ofTable(db.id(), meta.updateTable(db.id(), changed));
      }
      meta.dropTable(db.id(), table.id());
      meta.deleteAutoTableId(db.id(), table.id());
      ObjectNode finished = Json.object();
      finished.set("old_partition_ids", Json.array());
      return Step.ofTable(db.id(), changed).withFinishedArgs(finished);
    }
  }

  private static final class Truncate extends Base {
    private final TableInfo table;
    private long newId;

    Truncate(DBInfo db, TableInfo table, String query) {
      super(db, query);
      this.table = table;
    }

    @Override
    public ActionType action() {
      return ActionType.TRUNCATE_TABLE;
    }

    @Override
    public int idsNeeded() {
      return 1;
    }

    @Override
    public void assignIds(long[] ids) {
      newId = ids[0];
    }

    @Override
    public Target target() {
      ObjectNode args = Json.object();
      args.put("fk_check", true);
      args.put("new_table_id", newId);
      return new Target(
          db.id(),
          db.name().original(),
          table.id(),
          table.name().original(),
          args,
          involving(db.name().original(), table.name().original()));
    }

    @Override
    public Step apply(Meta meta, int step) {
      TableInfo current = meta.table(db.id(), table.id()).orElseThrow();
      long autoBase = meta.autoTableId(db.id(), table.id());
      meta.dropTable(db.id(), table.id());
      meta.deleteAutoTableId(db.id(), table.id());
      TableInfo fresh = touch(meta, withId(current, newId));
      meta.createTable(db.id(), fresh);
      if (autoBase > 0) {
        meta.setAutoTableId(db.id(), newId, autoBase);
      }
      return new Step(db.id(), newId, 0, table.id(), null, fresh, Json.object());
    }
  }

  private static TableInfo withId(TableInfo t, long id) {
    // TableInfo.Builder keeps its ID, so rebuild through JSON with the new one.
    ObjectNode tree = (ObjectNode) Json.tree(t);
    tree.put("id", id);
    return io.tidb.cdc.tidb.meta.MetaJson.readTableInfo(io.tidb.cdc.tidb.meta.MetaJson.write(tree));
  }

  private static final class Rename extends Base {
    private final TableInfo table;
    private final DBInfo to;
    private final String newName;

    Rename(DBInfo from, TableInfo table, DBInfo to, String newName, String query) {
      super(from, query);
      this.table = table;
      this.to = to;
      this.newName = newName;
    }

    @Override
    public ActionType action() {
      return ActionType.RENAME_TABLE;
    }

    @Override
    public Target target() {
      ObjectNode args = Json.object();
      args.put("old_schema_id", db.id());
      args.set("old_schema_name", Json.tree(db.name()));
      args.set("new_table_name", Json.tree(CIStr.of(newName)));
      ArrayNode involving = involving(db.name().original(), table.name().original());
      involving.add(Json.involving(to.name().original(), newName));
      return new Target(
          to.id(), to.name().original(), table.id(), table.name().original(), args, involving);
    }

    @Override
    public Step apply(Meta meta, int step) {
      TableInfo current = meta.table(db.id(), table.id()).orElseThrow();
      long autoBase = meta.autoTableId(db.id(), table.id());
      meta.dropTable(db.id(), table.id());
      TableInfo renamed = touch(meta, current.toBuilder().name(newName).build());
      meta.createTable(to.id(), renamed);
      if (db.id() != to.id()) {
        meta.deleteAutoTableId(db.id(), table.id());
        if (autoBase > 0) {
          meta.setAutoTableId(to.id(), table.id(), autoBase);
        }
      }
      return Step.ofTable(to.id(), renamed).withOld(db.id(), 0);
    }
  }
}
