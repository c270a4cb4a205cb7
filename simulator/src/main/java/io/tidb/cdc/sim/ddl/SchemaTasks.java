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

/** CREATE DATABASE and DROP DATABASE as TiDB's {@code onCreateSchema} / {@code onDropSchema}. */
public final class SchemaTasks {
  private SchemaTasks() {}

  public static DdlTask create(String name, String charset, String collate, String query) {
    return new Create(name, charset, collate, query);
  }

  public static DdlTask drop(DBInfo db, String query) {
    return new Drop(db, query);
  }

  private static final class Create implements DdlTask {
    private final String name;
    private final String charset;
    private final String collate;
    private final String query;
    private DBInfo db;

    Create(String name, String charset, String collate, String query) {
      this.name = name;
      this.charset = charset;
      this.collate = collate;
      this.query = query;
    }

    @Override
    public ActionType action() {
      return ActionType.CREATE_SCHEMA;
    }

    @Override
    public String query() {
      return query;
    }

    @Override
    public int idsNeeded() {
      return 1;
    }

    @Override
    public void assignIds(long[] ids) {
      db = new DBInfo(ids[0], CIStr.of(name), charset, collate, SchemaState.NONE.code(), null);
    }

    @Override
    public Target target() {
      ObjectNode args = Json.object();
      args.set("db_info", Json.tree(db));
      ArrayNode involving = Json.array();
      involving.add(Json.involving(name, ""));
      return new Target(db.id(), name, 0, "", args, involving);
    }

    @Override
    public Step apply(Meta meta, int step) {
      DBInfo created = db.withState(SchemaState.PUBLIC);
      meta.createDatabase(created);
      return Step.ofDatabase(created);
    }
  }

  private static final class Drop implements DdlTask {
    private final DBInfo db;
    private final String query;

    Drop(DBInfo db, String query) {
      this.db = db;
      this.query = query;
    }

    @Override
    public ActionType action() {
      return ActionType.DROP_SCHEMA;
    }

    @Override
    public String query() {
      return query;
    }

    @Override
    public Target target() {
      ObjectNode args = Json.object();
      args.put("fk_check", true);
      ArrayNode involving = Json.array();
      involving.add(Json.involving(db.name().original(), "*"));
      return new Target(db.id(), db.name().original(), 0, "", args, involving);
    }

    @Override
    public List<SchemaState> states() {
      return List.of(SchemaState.WRITE_ONLY, SchemaState.DELETE_ONLY, SchemaState.NONE);
    }

    @Override
    public Step apply(Meta meta, int step) {
      DBInfo current = meta.database(db.id()).orElseThrow();
      SchemaState next = states().get(step);
      DBInfo changed = current.withState(next);
      if (next != SchemaState.NONE) {
        meta.updateDatabase(changed);
        return Step.ofDatabase(changed);
      }
      ArrayNode dropped = Json.array();
      for (TableInfo t : meta.listTables(db.id())) {
        t.physicalTableIds().forEach(dropped::add);
      }
      meta.updateDatabase(changed);
      meta.dropDatabase(db.id());
      ObjectNode finished = Json.object();
      finished.set("all_dropped_table_ids", dropped);
      return Step.ofDatabase(changed).withFinishedArgs(finished);
    }
  }
}
