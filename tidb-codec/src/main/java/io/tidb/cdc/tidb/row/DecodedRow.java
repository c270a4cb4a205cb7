package io.tidb.cdc.tidb.row;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A decoded row: the value of every requested column the row holds ({@link ColumnValue.Null} for
 * stored NULLs). Requested columns missing from the row are absent: a column added after the row
 * was written (use its default), or the int primary key of a {@code pk_is_handle} table (take it
 * from the key).
 */
public record DecodedRow(RowFormat format, Map<Long, ColumnValue> values) {
  public DecodedRow {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public Optional<ColumnValue> get(long columnId) {
    return Optional.ofNullable(values.get(columnId));
  }

  public boolean contains(long columnId) {
    return values.containsKey(columnId);
  }
}
