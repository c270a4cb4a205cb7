package io.tidb.cdc.worker.mounter;

import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.worker.schema.TableDef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed row change: the table (as of the schema at the change's commit ts), the physical table it
 * was written to (a partition, or the table itself), the transaction's timestamps, what it does,
 * the row handle, and the row images. {@code columns} is the row after the change (empty for a
 * delete), {@code preColumns} the row before it (empty for inserts and upserts; see {@link
 * PreImage}). Columns appear in table order.
 */
public record RowChange(
    TableDef table,
    long physicalTableId,
    long startTs,
    long commitTs,
    RowChangeType type,
    Handle handle,
    List<Column> columns,
    List<Column> preColumns,
    PreImage preImage) {

  public RowChange {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(preImage, "preImage");
    columns = List.copyOf(columns);
    preColumns = List.copyOf(preColumns);
  }

  public String schemaName() {
    return table.schemaName();
  }

  public String tableName() {
    return table.name();
  }

  /** The logical table ID (the partitioned table's, for a partition). */
  public long tableId() {
    return table.id();
  }

  public boolean isPartition() {
    return table.isPartitioned();
  }

  /** A column of the row after the change, by name (case-insensitive). */
  public Optional<Column> column(String name) {
    return find(columns, name);
  }

  /** A column of the row before the change, by name (case-insensitive). */
  public Optional<Column> preColumn(String name) {
    return find(preColumns, name);
  }

  private static Optional<Column> find(List<Column> image, String name) {
    return image.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  @Override
  public String toString() {
    return type
        + " "
        + table.qualifiedName()
        + "@"
        + physicalTableId
        + " commitTs="
        + commitTs
        + " handle="
        + handle
        + (preColumns.isEmpty() ? "" : " before=" + preColumns)
        + (columns.isEmpty() ? "" : " after=" + columns);
  }
}
