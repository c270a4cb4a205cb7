package io.tidb.cdc.worker.encoder.canal;

import io.tidb.cdc.tidb.json.JsonText;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.encoder.json.GoNumbers;
import io.tidb.cdc.worker.schema.ColumnAttr;
import io.tidb.cdc.worker.schema.ColumnDef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Column values, {@code sqlType} and {@code mysqlType} as TiCDC's canal-json writes them ({@code
 * formatColumnValue}, {@code mysqlType2JavaType}, {@code GetMySQLType}): integers in decimal
 * (unsigned as unsigned), floats in Go's shortest form, DECIMAL with its scale, text as is, binary
 * strings read as ISO-8859-1, times with the column's fractional digits, ENUM as its index, SET and
 * BIT as unsigned numbers, JSON as TiDB prints it.
 */
public final class CanalValues {
  private CanalValues() {}

  /**
   * The value as canal-json writes it, or null for SQL NULL. Text columns are decoded as UTF-8; the
   * encoder itself writes their bytes exactly as Go does, invalid sequences included.
   */
  public static String format(ColumnDef def, ColumnValue value, ZoneId timeZone) {
    byte[] b = goString(def, value, timeZone);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /**
   * The value as the bytes of the Go string TiCDC builds (null for SQL NULL): UTF-8 text, except
   * that non-binary string columns keep their stored bytes.
   */
  static byte[] goString(ColumnDef def, ColumnValue value, ZoneId timeZone) {
    if (value instanceof ColumnValue.Bytes b) {
      return def.has(ColumnAttr.BINARY)
          ? new String(b.value(), StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8)
          : b.value();
    }
    String s = text(def, value, timeZone);
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(ColumnDef def, ColumnValue value, ZoneId timeZone) {
    if (value instanceof ColumnValue.Null) {
      return null;
    } else if (value instanceof ColumnValue.Int i) {
      return Long.toString(i.value());
    } else if (value instanceof ColumnValue.Uint u) {
      return Long.toUnsignedString(u.value());
    } else if (value instanceof ColumnValue.Float32 f) {
      return GoNumbers.formatFloat(f.value());
    } else if (value instanceof ColumnValue.Float64 d) {
      return GoNumbers.formatDouble(d.value());
    } else if (value instanceof ColumnValue.Decimal d) {
      return decimal(d);
    } else if (value instanceof ColumnValue.Bytes b) {
      return b.asUtf8();
    } else if (value instanceof ColumnValue.Time t) {
      return time(t, timeZone);
    } else if (value instanceof ColumnValue.Duration d) {
      return d.format();
    } else if (value instanceof ColumnValue.Enum e) {
      return Long.toString(e.index());
    } else if (value instanceof ColumnValue.Set set) {
      return Long.toUnsignedString(set.bits());
    } else if (value instanceof ColumnValue.Bit b) {
      return Long.toUnsignedString(b.value());
    } else if (value instanceof ColumnValue.Json j) {
      return JsonText.format(j.value());
    }
    throw new IllegalArgumentException(
        "column "
            + def.name()
            + " holds a value of unknown kind "
            + value.getClass().getSimpleName());
  }

  /** TiDB's {@code MyDecimal.String()}: plain digits with the stored number of fraction digits. */
  private static String decimal(ColumnValue.Decimal d) {
    BigDecimal v = d.value();
    int frac = d.precision() > 0 ? d.frac() : Math.max(v.scale(), 0);
    return v.setScale(frac, RoundingMode.HALF_UP).toPlainString();
  }

  /** TIMESTAMP values are stored in UTC; TiCDC prints them in the changefeed's time zone. */
  private static String time(ColumnValue.Time t, ZoneId zone) {
    MysqlTime mt = t.time();
    if (t.type() == MysqlType.TIMESTAMP
        && !mt.isZero()
        && !zone.normalized().equals(ZoneOffset.UTC)) {
      LocalDateTime utc = mt.toLocalDateTime();
      LocalDateTime local = utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDateTime();
      return new ColumnValue.Time(MysqlTime.of(local), t.type(), t.fsp()).format();
    }
    return t.format();
  }

  /**
   * The {@code java.sql.Types} code for the column; unsigned integers whose value does not fit the
   * signed Java type are promoted, as Canal does.
   */
  static int javaType(ColumnDef def, ColumnValue value) {
    int tp = def.type().tp();
    int base = baseJavaType(tp, def.has(ColumnAttr.BINARY));
    if (!(value instanceof ColumnValue.Uint u) || !def.type().isUnsigned()) {
      return base;
    }
    long v = u.value();
    return switch (tp) {
      case MysqlType.TINY ->
          Long.compareUnsigned(v, Byte.MAX_VALUE) > 0 ? JavaSqlType.SMALLINT : base;
      case MysqlType.SHORT ->
          Long.compareUnsigned(v, Short.MAX_VALUE) > 0 ? JavaSqlType.INTEGER : base;
      case MysqlType.LONG ->
          Long.compareUnsigned(v, Integer.MAX_VALUE) > 0 ? JavaSqlType.BIGINT : base;
      case MysqlType.LONGLONG -> v < 0 ? JavaSqlType.DECIMAL : base;
      default -> base;
    };
  }

  private static int baseJavaType(int tp, boolean binary) {
    return switch (tp) {
      case MysqlType.BIT, MysqlType.SET -> JavaSqlType.BIT;
      case MysqlType.TINY_BLOB, MysqlType.MEDIUM_BLOB, MysqlType.LONG_BLOB, MysqlType.BLOB ->
          binary ? JavaSqlType.BLOB : JavaSqlType.CLOB;
      case MysqlType.VARCHAR, MysqlType.VAR_STRING ->
          binary ? JavaSqlType.BLOB : JavaSqlType.VARCHAR;
      case MysqlType.STRING -> binary ? JavaSqlType.BLOB : JavaSqlType.CHAR;
      case MysqlType.ENUM, MysqlType.INT24, MysqlType.LONG -> JavaSqlType.INTEGER;
      case MysqlType.DATE, MysqlType.NEWDATE -> JavaSqlType.DATE;
      case MysqlType.DATETIME, MysqlType.TIMESTAMP -> JavaSqlType.TIMESTAMP;
      case MysqlType.DURATION -> JavaSqlType.TIME;
      case MysqlType.NEWDECIMAL -> JavaSqlType.DECIMAL;
      case MysqlType.TINY -> JavaSqlType.TINYINT;
      case MysqlType.SHORT -> JavaSqlType.SMALLINT;
      case MysqlType.LONGLONG -> JavaSqlType.BIGINT;
      case MysqlType.FLOAT -> JavaSqlType.REAL;
      case MysqlType.DOUBLE -> JavaSqlType.DOUBLE;
      case MysqlType.NULL -> JavaSqlType.NULL;
      case MysqlType.GEOMETRY -> JavaSqlType.BINARY;
      default -> JavaSqlType.VARCHAR; // JSON, YEAR, vectors and anything unknown
    };
  }

  /**
   * TiCDC's {@code GetMySQLType} without content-compatible mode: TiDB's {@code TypeToStr} (text
   * types become blob and char types binary under the binary charset), then {@code " unsigned"}
   * (not for BIT or YEAR) and {@code " zerofill"} (not for YEAR).
   */
  public static String mysqlType(ColumnDef def) {
    FieldType t = def.type();
    String s = mysqlTypeName(t.tp(), t.charset());
    if (t.isUnsigned() && !s.equals("bit") && !s.equals("year")) {
      s += " unsigned";
    }
    if (ColumnFlag.has(t.flag(), ColumnFlag.ZEROFILL) && !s.startsWith("year")) {
      s += " zerofill";
    }
    return s;
  }

  /**
   * TiDB's {@code types.TypeToStr}: the type's name, with text types named blob and char types
   * binary under the binary charset; empty for codes TiDB does not name.
   */
  public static String mysqlTypeName(int tp, String charset) {
    String s =
        switch (tp) {
          case MysqlType.BIT -> "bit";
          case MysqlType.BLOB -> "text";
          case MysqlType.DATE -> "date";
          case MysqlType.DATETIME -> "datetime";
          case MysqlType.UNSPECIFIED -> "unspecified";
          case MysqlType.NEWDECIMAL -> "decimal";
          case MysqlType.DOUBLE -> "double";
          case MysqlType.ENUM -> "enum";
          case MysqlType.FLOAT -> "float";
          case MysqlType.GEOMETRY -> "geometry";
          case MysqlType.INT24 -> "mediumint";
          case MysqlType.JSON -> "json";
          case MysqlType.LONG -> "int";
          case MysqlType.LONGLONG -> "bigint";
          case MysqlType.LONG_BLOB -> "longtext";
          case MysqlType.MEDIUM_BLOB -> "mediumtext";
          case MysqlType.NULL -> "null";
          case MysqlType.SET -> "set";
          case MysqlType.SHORT -> "smallint";
          case MysqlType.STRING -> "char";
          case MysqlType.DURATION -> "time";
          case MysqlType.TIMESTAMP -> "timestamp";
          case MysqlType.TINY -> "tinyint";
          case MysqlType.TINY_BLOB -> "tinytext";
          case MysqlType.VARCHAR -> "varchar";
          case MysqlType.VAR_STRING -> "var_string";
          case MysqlType.YEAR -> "year";
          case MysqlType.TIDB_VECTOR_FLOAT32 -> "vector";
          default -> "";
        };
    if (!"binary".equals(charset)) {
      return s;
    }
    return switch (tp) {
      case MysqlType.TINY_BLOB, MysqlType.MEDIUM_BLOB, MysqlType.LONG_BLOB, MysqlType.BLOB ->
          s.replaceFirst("text", "blob");
      case MysqlType.STRING, MysqlType.VARCHAR -> s.replaceFirst("char", "binary");
      case MysqlType.NULL -> "binary";
      default -> s;
    };
  }
}
