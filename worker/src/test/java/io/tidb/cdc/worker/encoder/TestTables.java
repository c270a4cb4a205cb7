package io.tidb.cdc.worker.encoder;

import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.IndexColumn;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.mounter.Column;
import io.tidb.cdc.worker.mounter.PreImage;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.mounter.RowChangeType;
import io.tidb.cdc.worker.schema.ColumnDef;
import io.tidb.cdc.worker.schema.TableDef;
import java.util.ArrayList;
import java.util.List;

/** Tables and row changes for encoder and sink tests, built the way the mounter builds them. */
public final class TestTables {
  private TestTables() {}

  public static FieldType type(int tp) {
    return FieldType.of(tp);
  }

  /** A text type in utf8mb4. */
  public static FieldType text(int tp, int flen) {
    return FieldType.of(tp).withLength(flen, 0).withCharset("utf8mb4", "utf8mb4_bin");
  }

  public static FieldType flags(FieldType t, long flags) {
    return t.withAddedFlag(flags);
  }

  public static FieldType pkInt() {
    return FieldType.of(MysqlType.LONG)
        .withLength(11, 0)
        .withAddedFlag(ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL);
  }

  /** A table whose first column is its integer primary key and row handle. */
  public static TableDef intPkTable(
      String schema, long id, String name, List<FieldType> types, List<String> names) {
    List<ColumnInfo> cols = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      cols.add(ColumnInfo.of(i + 1, names.get(i), i, types.get(i)));
    }
    return new TableDef(1, schema, TableInfo.builder(id, name).columns(cols).pkIsHandle().build());
  }

  /** A table without primary key or unique index. */
  public static TableDef noKeyTable(
      String schema, long id, String name, List<FieldType> types, List<String> names) {
    List<ColumnInfo> cols = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      cols.add(ColumnInfo.of(i + 1, names.get(i), i, types.get(i)));
    }
    return new TableDef(1, schema, TableInfo.builder(id, name).columns(cols).build());
  }

  /** A table with a composite clustered primary key over the columns at {@code pkOffsets}. */
  public static TableDef compositePkTable(
      String schema,
      long id,
      String name,
      List<FieldType> types,
      List<String> names,
      int... pkOffsets) {
    List<ColumnInfo> cols = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      cols.add(ColumnInfo.of(i + 1, names.get(i), i, types.get(i)));
    }
    List<IndexColumn> ic = new ArrayList<>();
    for (int o : pkOffsets) {
      ic.add(IndexColumn.of(names.get(o), o));
    }
    IndexInfo pk = IndexInfo.of(1, "PRIMARY", name, ic, IndexInfo.IndexKind.PRIMARY);
    return new TableDef(
        1, schema, TableInfo.builder(id, name).columns(cols).indices(List.of(pk)).build());
  }

  public static List<Column> image(TableDef table, ColumnValue... values) {
    List<Column> out = new ArrayList<>();
    List<ColumnDef> defs = table.columns();
    for (int i = 0; i < values.length; i++) {
      out.add(new Column(defs.get(i), values[i]));
    }
    return out;
  }

  public static RowChange insert(TableDef t, long commitTs, ColumnValue... after) {
    return new RowChange(
        t,
        t.id(),
        commitTs - 1,
        commitTs,
        RowChangeType.INSERT,
        new Handle.IntHandle(1),
        image(t, after),
        List.of(),
        PreImage.NONE);
  }

  public static RowChange update(
      TableDef t, long commitTs, List<Column> before, List<Column> after) {
    return new RowChange(
        t,
        t.id(),
        commitTs - 1,
        commitTs,
        RowChangeType.UPDATE,
        new Handle.IntHandle(1),
        after,
        before,
        PreImage.FULL);
  }

  public static RowChange delete(TableDef t, long commitTs, ColumnValue... before) {
    return new RowChange(
        t,
        t.id(),
        commitTs - 1,
        commitTs,
        RowChangeType.DELETE,
        new Handle.IntHandle(1),
        List.of(),
        image(t, before),
        PreImage.FULL);
  }

  public static ColumnValue i(long v) {
    return new ColumnValue.Int(v);
  }

  public static ColumnValue u(long v) {
    return new ColumnValue.Uint(v);
  }

  public static ColumnValue s(String v) {
    return ColumnValue.Bytes.utf8(v);
  }

  public static ColumnValue nul() {
    return ColumnValue.Null.INSTANCE;
  }
}
