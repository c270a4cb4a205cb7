package io.tidb.cdc.sim.catalog;

import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The schema at one schema version: databases and their tables by case-insensitive name, as read
 * from meta. Immutable; the SQL layer swaps in a new one after every DDL.
 */
public final class InfoSchema {
  private final long version;
  private final Map<String, Database> databases;

  /** A database and its tables by lower-case name. */
  public record Database(DBInfo info, Map<String, TableInfo> tables) {
    public Database {
      tables = Map.copyOf(tables);
    }

    public Optional<TableInfo> table(String name) {
      return Optional.ofNullable(tables.get(lower(name)));
    }
  }

  private InfoSchema(long version, Map<String, Database> databases) {
    this.version = version;
    this.databases = databases;
  }

  /** Reads every database and table from meta. */
  public static InfoSchema load(Meta meta) {
    Map<String, Database> dbs = new LinkedHashMap<>();
    for (DBInfo db : meta.listDatabases()) {
      Map<String, TableInfo> tables = new LinkedHashMap<>();
      for (TableInfo t : meta.listTables(db.id())) {
        tables.put(t.name().lower(), t);
      }
      dbs.put(db.name().lower(), new Database(db, tables));
    }
    return new InfoSchema(meta.schemaVersion(), dbs);
  }

  public long version() {
    return version;
  }

  public Optional<Database> database(String name) {
    return Optional.ofNullable(databases.get(lower(name)));
  }

  public Collection<Database> databases() {
    return List.copyOf(databases.values());
  }

  public Optional<TableInfo> table(String database, String table) {
    return database(database).flatMap(d -> d.table(table));
  }

  /** The database holding table {@code tableId}, if any. */
  public Optional<DBInfo> databaseOf(long tableId) {
    for (Database d : databases.values()) {
      for (TableInfo t : d.tables().values()) {
        if (t.id() == tableId) {
          return Optional.of(d.info());
        }
      }
    }
    return Optional.empty();
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
