package io.tidb.cdc.worker.mounter;

import io.tidb.cdc.tidb.json.BinaryJsonCodec;
import io.tidb.cdc.tidb.json.JsonValue;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.schema.ColumnDef;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value of a column a stored row does not hold: a column added after the row was written. As
 * TiCDC does: the column's <em>origin</em> default (the default at the time it was added, which is
 * what old rows logically hold); else NULL if the column is nullable; else the type's zero value
 * (the first element for an ENUM). Results are cached per column definition.
 */
final class DefaultValues {
  private final Map<ColumnDef, ColumnValue> cache = new ConcurrentHashMap<>();

  /**
   * The missing column's value.
   *
   * @throws IllegalArgumentException when the stored default does not fit the column's type
   */
  ColumnValue of(ColumnDef column) {
    ColumnValue v = cache.get(column);
    if (v == null) {
      v = compute(column.info());
      cache.put(column, v);
    }
    return v;
  }

  private static ColumnValue compute(ColumnInfo col) {
    Object origin = col.originDefault();
    if (origin != null) {
      return TextValues.parse(String.valueOf(origin), col.originDefaultBit(), col.type());
    }
    if (!col.type().isNotNull()) {
      return ColumnValue.Null.INSTANCE;
    }
    return zero(col.type());
  }

  /** TiDB's zero value of a NOT NULL column without default ({@code table.GetZeroValue}). */
  static ColumnValue zero(FieldType type) {
    int tp = type.tp();
    if (MysqlType.isInteger(tp)) {
      return type.isUnsigned() ? new ColumnValue.Uint(0) : new ColumnValue.Int(0);
    }
    if (MysqlType.isString(tp)) {
      return new ColumnValue.Bytes(new byte[0]);
    }
    if (MysqlType.isTime(tp)) {
      return new ColumnValue.Time(MysqlTime.ZERO, tp, TextValues.fsp(type));
    }
    return switch (tp) {
      case MysqlType.YEAR -> new ColumnValue.Int(0);
      case MysqlType.FLOAT -> new ColumnValue.Float32(0f);
      case MysqlType.DOUBLE -> new ColumnValue.Float64(0d);
      case MysqlType.NEWDECIMAL -> TextValues.decimal(BigDecimal.ZERO, type);
      case MysqlType.DURATION -> new ColumnValue.Duration(0, TextValues.fsp(type));
      case MysqlType.ENUM -> {
        List<String> elems = type.elemsOrEmpty();
        yield elems.isEmpty() ? new ColumnValue.Enum(0, "") : new ColumnValue.Enum(1, elems.get(0));
      }
      case MysqlType.SET -> new ColumnValue.Set(0, "");
      case MysqlType.BIT -> new ColumnValue.Bit(0, Math.max((type.flen() + 7) >> 3, 0));
      case MysqlType.JSON ->
          new ColumnValue.Json(BinaryJsonCodec.encode(JsonValue.NullValue.INSTANCE));
      default -> ColumnValue.Null.INSTANCE;
    };
  }
}
