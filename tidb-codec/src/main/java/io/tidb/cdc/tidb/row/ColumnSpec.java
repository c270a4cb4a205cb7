package io.tidb.cdc.tidb.row;

import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.types.FieldType;
import java.util.List;

/** What the row decoder needs to know about a column: its ID and type. */
public record ColumnSpec(long id, FieldType type) {
  public static ColumnSpec of(ColumnInfo column) {
    return new ColumnSpec(column.id(), column.type());
  }

  /**
   * The columns a row of {@code table} may store: every column except virtual generated ones, in
   * any state (a column being added is written before it turns public).
   */
  public static List<ColumnSpec> storedColumns(TableInfo table) {
    return table.columns().stream()
        .filter(c -> !c.isVirtualGenerated())
        .map(ColumnSpec::of)
        .toList();
  }
}
