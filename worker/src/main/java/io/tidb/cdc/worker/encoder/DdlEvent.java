package io.tidb.cdc.worker.encoder;

import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.worker.schema.TableDef;
import java.util.Objects;
import java.util.Optional;

/**
 * A DDL as sinks see it: what it does, the database and table it applies to (table empty for
 * database DDL; the new name for a rename), the statement, the commit ts it takes effect at, and
 * the table as it is after the DDL (absent for database DDL and drops) and before it (absent for
 * creates).
 */
public record DdlEvent(
    ActionType type,
    String schema,
    String table,
    String query,
    long commitTs,
    Optional<TableDef> tableAfter,
    Optional<TableDef> tableBefore) {

  public DdlEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tableAfter, "tableAfter");
    Objects.requireNonNull(tableBefore, "tableBefore");
    schema = schema == null ? "" : schema;
    table = table == null ? "" : table;
    query = query == null ? "" : query;
    if (commitTs <= 0) {
      throw new IllegalArgumentException("DDL '" + query + "' has commit ts " + commitTs);
    }
  }

  /** A DDL without table definitions (database DDL, or when the caller has none). */
  public static DdlEvent of(
      ActionType type, String schema, String table, String query, long commitTs) {
    return new DdlEvent(type, schema, table, query, commitTs, Optional.empty(), Optional.empty());
  }

  /** A copy that carries the table as the DDL leaves it. */
  public DdlEvent withTableAfter(TableDef def) {
    return new DdlEvent(type, schema, table, query, commitTs, Optional.of(def), tableBefore);
  }

  /** A copy that carries the table as it was before the DDL. */
  public DdlEvent withTableBefore(TableDef def) {
    return new DdlEvent(type, schema, table, query, commitTs, tableAfter, Optional.of(def));
  }

  /** Whether it applies to a whole database rather than one table. */
  public boolean isDatabaseDdl() {
    return table.isEmpty();
  }

  @Override
  public String toString() {
    return "DDL "
        + type
        + " "
        + schema
        + (table.isEmpty() ? "" : "." + table)
        + " commitTs="
        + commitTs
        + " '"
        + query
        + "'";
  }
}
