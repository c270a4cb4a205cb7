package io.tidb.cdc.worker.mounter;

import io.tidb.cdc.tidb.codec.Datum;
import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.meta.IndexColumn;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.row.DatumMapping;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.schema.ColumnDef;
import io.tidb.cdc.worker.schema.TableDef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The column values a record key holds: the integer primary key of a {@code pk_is_handle} table
 * (never stored in the row value), or the clustered primary-key columns of a common handle. A
 * clustered string column under a non-binary collation (or a prefix column) holds a sort key in the
 * key, not the value; like TiDB's {@code DecodeHandleToDatumMap}, such columns are left out.
 */
final class KeyColumns {
  /** Binary-comparing collations: their key form is the value (trailing spaces aside). */
  private static final Set<String> BIN_COLLATIONS =
      Set.of("utf8mb4_bin", "utf8_bin", "latin1_bin", "ascii_bin", "gbk_bin", "gb18030_bin");

  private KeyColumns() {}

  /**
   * The key's column values by column ID.
   *
   * @throws IllegalArgumentException when a common handle does not match the primary key
   */
  static Map<Long, ColumnValue> of(TableDef table, Handle handle) {
    Map<Long, ColumnValue> out = new HashMap<>();
    if (handle instanceof Handle.IntHandle h) {
      table
          .pkHandleColumn()
          .ifPresent(
              c ->
                  out.put(
                      c.id(),
                      c.type().isUnsigned()
                          ? new ColumnValue.Uint(h.value())
                          : new ColumnValue.Int(h.value())));
      return out;
    }
    List<ColumnDef> cols = table.commonHandleColumns();
    if (cols.isEmpty()) {
      throw new IllegalArgumentException(
          "the key holds a common handle but table " + table.qualifiedName() + " is not clustered");
    }
    List<Datum> datums = ((Handle.CommonHandle) handle).datums();
    if (datums.size() != cols.size()) {
      throw new IllegalArgumentException(
          "the common handle holds "
              + datums.size()
              + " values but the primary key of "
              + table.qualifiedName()
              + " has "
              + cols.size()
              + " columns");
    }
    List<IndexColumn> pkCols =
        table.info().primaryIndex().map(IndexInfo::columns).orElse(List.of());
    for (int i = 0; i < cols.size(); i++) {
      ColumnDef c = cols.get(i);
      boolean fullColumn =
          i >= pkCols.size()
              || pkCols.get(i).length() < 0
              || pkCols.get(i).length() == c.type().flen();
      if (fullColumn && !needsRestoredData(c.type())) {
        out.put(c.id(), DatumMapping.fromDatum(datums.get(i), c.type()));
      }
    }
    return out;
  }

  /**
   * TiDB's {@code NeedRestoredData} with new collations on (TiDB's default since 4.0): a non-binary
   * string whose key form is a collation sort key. A {@code _bin} collation on a type other than
   * VARCHAR is exempt (its key is the value), and so is {@code utf8mb4_0900_bin}.
   */
  static boolean needsRestoredData(FieldType type) {
    if (!MysqlType.isString(type.tp()) || "binary".equals(type.charset())) {
      return false;
    }
    String collate = type.collate() == null ? "" : type.collate();
    if ("utf8mb4_0900_bin".equals(collate)) {
      return false;
    }
    boolean varchar = type.tp() == MysqlType.VARCHAR || type.tp() == MysqlType.VAR_STRING;
    return !(BIN_COLLATIONS.contains(collate) && !varchar);
  }
}
