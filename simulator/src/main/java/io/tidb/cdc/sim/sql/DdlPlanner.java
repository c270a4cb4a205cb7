package io.tidb.cdc.sim.sql;

import io.tidb.cdc.sim.catalog.InfoSchema;
import io.tidb.cdc.sim.catalog.SystemTables;
import io.tidb.cdc.sim.ddl.DdlTask;
import io.tidb.cdc.sim.ddl.SchemaTasks;
import io.tidb.cdc.sim.ddl.TableTasks;
import io.tidb.cdc.sim.txn.KvStore;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.Optional;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.truncate.Truncate;

/**
 * Turns a DDL statement into a DDL job after checking it against the current schema, so that a
 * statement that would fail changes nothing: unknown or existing databases and tables, bad column
 * definitions, duplicate names. ALTER TABLE takes one change per statement.
 */
final class DdlPlanner {
  private DdlPlanner() {}

  /** A job to run, or nothing to do (IF [NOT] EXISTS matched) with the reason. */
  sealed interface Plan {
    record Run(DdlTask task) implements Plan {}

    record Nothing(String reason) implements Plan {}
  }

  /** Whether the parsed statement is DDL this planner handles. */
  static boolean isDdl(ParsedStatement s) {
    if (s instanceof ParsedStatement.CreateDatabase || s instanceof ParsedStatement.DropDatabase) {
      return true;
    }
    if (s instanceof ParsedStatement.Parsed p) {
      Statement st = p.statement();
      return st instanceof CreateTable
          || st instanceof Drop
          || st instanceof Truncate
          || st instanceof Alter
          || st instanceof RenameTableStatement;
    }
    return false;
  }

  static Plan plan(ParsedStatement s, InfoSchema schema, String currentDb, KvStore store) {
    if (s instanceof ParsedStatement.CreateDatabase c) {
      if (schema.database(c.name()).isPresent()) {
        if (c.ifNotExists()) {
          return new Plan.Nothing("database '" + c.name() + "' exists");
        }
        throw new SqlException("can't create database '" + c.name() + "'; database exists");
      }
      Charsets.Defaults d = Charsets.defaults(c.charset(), c.collate(), Charsets.Defaults.TIDB);
      return new Plan.Run(SchemaTasks.create(c.name(), d.charset(), d.collate(), s.text()));
    }
    if (s instanceof ParsedStatement.DropDatabase d) {
      Optional<InfoSchema.Database> db = schema.database(d.name());
      if (db.isEmpty()) {
        if (d.ifExists()) {
          return new Plan.Nothing("database '" + d.name() + "' does not exist");
        }
        throw new SqlException("can't drop database '" + d.name() + "'; database doesn't exist");
      }
      refuseSystem(d.name());
      return new Plan.Run(SchemaTasks.drop(db.get().info(), s.text()));
    }
    Statement st = ((ParsedStatement.Parsed) s).statement();
    String text = s.text();
    if (st instanceof CreateTable ct) {
      return createTable(ct, schema, currentDb, text);
    }
    if (st instanceof Drop drop) {
      return drop(drop, schema, currentDb, text);
    }
    if (st instanceof Truncate tr) {
      DBInfo db = database(schema, tr.getTable(), currentDb);
      TableInfo t = table(schema, db, tr.getTable());
      return new Plan.Run(TableTasks.truncate(db, t, text));
    }
    if (st instanceof RenameTableStatement rn) {
      if (rn.getTableNamesSize() != 1) {
        throw new SqlException(
            "RENAME TABLE of several tables at once is not supported; rename one per statement");
      }
      var pair = rn.getTableNames().iterator().next();
      DBInfo from = database(schema, pair.getKey(), currentDb);
      TableInfo t = table(schema, from, pair.getKey());
      DBInfo to = database(schema, pair.getValue(), currentDb);
      String newName = Identifiers.strip(pair.getValue().getName());
      if (schema.table(to.name().original(), newName).isPresent()) {
        throw new SqlException("table '" + newName + "' already exists");
      }
      return new Plan.Run(TableTasks.rename(from, t, to, newName, text));
    }
    if (st instanceof Alter alter) {
      DBInfo db = database(schema, alter.getTable(), currentDb);
      TableInfo t = table(schema, db, alter.getTable());
      return new Plan.Run(AlterPlanner.plan(alter, db, t, text, store));
    }
    throw new SqlException("unsupported statement");
  }

  private static Plan createTable(
      CreateTable ct, InfoSchema schema, String currentDb, String text) {
    DBInfo db = database(schema, ct.getTable(), currentDb);
    refuseSystem(db.name().original());
    String name = Identifiers.strip(ct.getTable().getName());
    if (schema.table(db.name().original(), name).isPresent()) {
      if (ct.isIfNotExists()) {
        return new Plan.Nothing("table '" + name + "' exists");
      }
      throw new SqlException("table '" + name + "' already exists");
    }
    Charsets.Defaults defaults = new Charsets.Defaults(db.charset(), db.collate());
    TableDefinitions.build(ct, 0, defaults); // validate before submitting the job
    return new Plan.Run(
        TableTasks.create(db, name, id -> TableDefinitions.build(ct, id, defaults), text));
  }

  private static Plan drop(Drop drop, InfoSchema schema, String currentDb, String text) {
    String type = drop.getType() == null ? "" : drop.getType().toUpperCase(java.util.Locale.ROOT);
    if (!type.equals("TABLE")) {
      throw new SqlException("unsupported statement DROP " + type);
    }
    Table ref = drop.getName();
    DBInfo db = database(schema, ref, currentDb);
    Optional<TableInfo> t = schema.table(db.name().original(), Identifiers.strip(ref.getName()));
    if (t.isEmpty()) {
      if (drop.isIfExists()) {
        return new Plan.Nothing("table '" + ref.getName() + "' does not exist");
      }
      throw new SqlException(
          "unknown table '" + db.name() + "." + Identifiers.strip(ref.getName()) + "'");
    }
    refuseSystem(db.name().original());
    return new Plan.Run(TableTasks.drop(db, t.get(), text));
  }

  static DBInfo database(InfoSchema schema, Table ref, String currentDb) {
    String name = ref.getSchemaName() != null ? Identifiers.strip(ref.getSchemaName()) : currentDb;
    if (name == null) {
      throw new SqlException(
          "no database selected: qualify '" + ref.getName() + "' as db." + ref.getName());
    }
    return schema
        .database(name)
        .orElseThrow(() -> new SqlException("unknown database '" + name + "'"))
        .info();
  }

  static TableInfo table(InfoSchema schema, DBInfo db, Table ref) {
    String name = Identifiers.strip(ref.getName());
    return schema
        .table(db.name().original(), name)
        .orElseThrow(
            () -> new SqlException("table '" + db.name() + "." + name + "' doesn't exist"));
  }

  private static void refuseSystem(String db) {
    if (db.equalsIgnoreCase(SystemTables.SYSTEM_DB)) {
      throw new SqlException("the simulator does not change the system database 'mysql'");
    }
  }
}
