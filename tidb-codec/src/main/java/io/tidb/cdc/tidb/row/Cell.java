package io.tidb.cdc.tidb.row;

/** One column of a row to encode. */
public record Cell(long columnId, ColumnValue value) {
  public Cell {
    if (columnId <= 0 || columnId > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("column ID " + columnId + " outside [1, 2^32)");
    }
    if (value == null) {
      throw new IllegalArgumentException("column " + columnId + " has no value (use Null)");
    }
  }
}
