package io.tidb.cdc.worker.filter;

import io.tidb.cdc.tidb.meta.ActionType;
import java.util.Objects;

/**
 * What the filter needs to know about a DDL: its action, the database and table it applies to
 * (table empty for database DDL), its query and its transaction's start ts.
 */
public record DdlSummary(
    ActionType action, String schema, String table, String query, long startTs) {
  public DdlSummary {
    Objects.requireNonNull(action, "action");
    schema = schema == null ? "" : schema;
    table = table == null ? "" : table;
    query = query == null ? "" : query;
  }
}
