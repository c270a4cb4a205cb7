package io.tidb.cdc.worker.mounter;

import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.worker.schema.ColumnAttr;
import io.tidb.cdc.worker.schema.ColumnDef;
import java.util.Objects;
import java.util.Set;

/** One column of a row image: its definition (name, type, attributes) and its typed value. */
public record Column(ColumnDef def, ColumnValue value) {
  public Column {
    Objects.requireNonNull(def, "def");
    Objects.requireNonNull(value, "value");
  }

  public String name() {
    return def.name();
  }

  public long id() {
    return def.id();
  }

  public FieldType type() {
    return def.type();
  }

  /** The MySQL type code ({@link io.tidb.cdc.tidb.types.MysqlType}). */
  public int mysqlType() {
    return def.type().tp();
  }

  public Set<ColumnAttr> attrs() {
    return def.attrs();
  }

  public boolean has(ColumnAttr attr) {
    return def.has(attr);
  }

  public boolean isNull() {
    return value instanceof ColumnValue.Null;
  }

  @Override
  public String toString() {
    return name() + "=" + value;
  }
}
