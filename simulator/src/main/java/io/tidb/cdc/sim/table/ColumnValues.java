package io.tidb.cdc.sim.table;

import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.json.BinaryJsonCodec;
import io.tidb.cdc.tidb.json.JsonText;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Converts SQL-level values (Java {@code null}, {@link Long}, {@link BigInteger}, {@link
 * BigDecimal}, {@link Double}, {@link String}, {@code byte[]}, {@link Boolean}, {@link
 * LocalDateTime}) into the typed value a column stores, with MySQL strict-mode checks: NOT NULL,
 * integer ranges, decimal precision, string lengths, ENUM/SET members, BIT width. TIMESTAMP values
 * are taken as UTC (the session time zone of the simulator).
 */
public final class ColumnValues {
  private static final BigInteger MAX_UINT64 =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private ColumnValues() {}

  /** The stored value of {@code value} for {@code column}. */
  public static ColumnValue convert(Object value, ColumnInfo column) {
    String name = column.name().original();
    try {
      if (value == null) {
        if (column.type().isNotNull()) {
          throw new ValueException("column '" + name + "' cannot be null");
        }
        return ColumnValue.Null.INSTANCE;
      }
      return convertNotNull(value, column.type());
    } catch (ValueException e) {
      if (e.getMessage().startsWith("column '")) {
        throw e;
      }
      throw new ValueException("column '" + name + "': " + e.getMessage(), e);
    }
  }

  private static ColumnValue convertNotNull(Object v, FieldType t) {
    int tp = t.tp();
    if (MysqlType.isInteger(tp)) {
      return integer(v, t);
    }
    if (MysqlType.isString(tp)) {
      return Strings.toStored(v, t);
    }
    if (MysqlType.isTime(tp)) {
      return time(v, t);
    }
    return switch (tp) {
      case MysqlType.YEAR -> year(v);
      case MysqlType.FLOAT -> new ColumnValue.Float32((float) toDouble(v));
      case MysqlType.DOUBLE -> new ColumnValue.Float64(toDouble(v));
      case MysqlType.NEWDECIMAL -> decimal(v, t);
      case MysqlType.DURATION ->
          new ColumnValue.Duration(Temporals.parseDuration(text(v), fsp(t)), fsp(t));
      case MysqlType.ENUM -> enumValue(v, t);
      case MysqlType.SET -> setValue(v, t);
      case MysqlType.BIT -> bit(v, t);
      case MysqlType.JSON -> json(v);
      default -> throw new ValueException("unsupported column type " + MysqlType.name(tp));
    };
  }

  private static ColumnValue integer(Object v, FieldType t) {
    BigInteger n = toInteger(v);
    BigInteger min;
    BigInteger max;
    if (t.isUnsigned()) {
      min = BigInteger.ZERO;
      max =
          t.tp() == MysqlType.LONGLONG
              ? MAX_UINT64
              : BigInteger.ONE.shiftLeft(bits(t.tp())).subtract(BigInteger.ONE);
    } else {
      max = BigInteger.ONE.shiftLeft(bits(t.tp()) - 1).subtract(BigInteger.ONE);
      min = max.negate().subtract(BigInteger.ONE);
    }
    if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
      throw new ValueException(
          "value "
              + n
              + " is out of range for "
              + MysqlType.name(t.tp())
              + (t.isUnsigned() ? " unsigned" : "")
              + " ["
              + min
              + ", "
              + max
              + "]");
    }
    return t.isUnsigned()
        ? new ColumnValue.Uint(n.longValue())
        : new ColumnValue.Int(n.longValue());
  }

  private static int bits(int tp) {
    return switch (tp) {
      case MysqlType.TINY -> 8;
      case MysqlType.SHORT -> 16;
      case MysqlType.INT24 -> 24;
      case MysqlType.LONG -> 32;
      default -> 64;
    };
  }

  private static ColumnValue year(Object v) {
    long y = toInteger(v).longValueExact();
    boolean twoDigits = !(v instanceof String s) || s.trim().length() <= 2;
    if (twoDigits && y >= 1 && y <= 69) {
      y += 2000;
    } else if (twoDigits && y >= 70 && y <= 99) {
      y += 1900;
    }
    if (y != 0 && (y < 1901 || y > 2155)) {
      throw new ValueException("year " + y + " is outside 1901..2155");
    }
    return new ColumnValue.Int(y);
  }

  private static ColumnValue decimal(Object v, FieldType t) {
    int precision = t.flen() > 0 ? t.flen() : 10;
    int frac = Math.max(t.decimal(), 0);
    BigDecimal d = toDecimal(v).setScale(frac, RoundingMode.HALF_UP);
    if (d.precision() - d.scale() > precision - frac && d.signum() != 0) {
      throw new ValueException(
          "value "
              + d.toPlainString()
              + " is out of range for decimal("
              + precision
              + ","
              + frac
              + ")");
    }
    return new ColumnValue.Decimal(d, precision, frac);
  }

  private static ColumnValue time(Object v, FieldType t) {
    boolean dateOnly = t.tp() == MysqlType.DATE;
    int fsp = dateOnly ? 0 : fsp(t);
    if (v instanceof LocalDateTime ldt) {
      return new ColumnValue.Time(Temporals.of(ldt, fsp, dateOnly), t.tp(), fsp);
    }
    if (v instanceof LocalDate ld) {
      return new ColumnValue.Time(Temporals.of(ld.atStartOfDay(), fsp, dateOnly), t.tp(), fsp);
    }
    return new ColumnValue.Time(Temporals.parseDateTime(text(v), fsp, dateOnly), t.tp(), fsp);
  }

  private static ColumnValue enumValue(Object v, FieldType t) {
    List<String> elems = t.elemsOrEmpty();
    if (v instanceof String s) {
      for (int i = 0; i < elems.size(); i++) {
        if (Strings.sameText(elems.get(i), s, t)) {
          return new ColumnValue.Enum(i + 1, elems.get(i));
        }
      }
      throw new ValueException("'" + s + "' is not one of the ENUM values " + elems);
    }
    long index = toInteger(v).longValueExact();
    if (index < 1 || index > elems.size()) {
      throw new ValueException("ENUM index " + index + " is outside 1.." + elems.size());
    }
    return new ColumnValue.Enum(index, elems.get((int) index - 1));
  }

  private static ColumnValue setValue(Object v, FieldType t) {
    List<String> elems = t.elemsOrEmpty();
    long bits = 0;
    if (v instanceof String s) {
      if (!s.isEmpty()) {
        for (String part : s.split(",", -1)) {
          int found = -1;
          for (int i = 0; i < elems.size(); i++) {
            if (Strings.sameText(elems.get(i), part, t)) {
              found = i;
            }
          }
          if (found < 0) {
            throw new ValueException("'" + part + "' is not one of the SET values " + elems);
          }
          bits |= 1L << found;
        }
      }
    } else {
      bits = toInteger(v).longValueExact();
      if (elems.size() < 64 && (bits < 0 || bits >= 1L << elems.size())) {
        throw new ValueException(
            "SET value " + bits + " has bits beyond its " + elems.size() + " members");
      }
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < elems.size(); i++) {
      if ((bits & (1L << i)) != 0) {
        names.append(names.length() == 0 ? "" : ",").append(elems.get(i));
      }
    }
    return new ColumnValue.Set(bits, names.toString());
  }

  private static ColumnValue bit(Object v, FieldType t) {
    int width = t.flen() > 0 ? t.flen() : 1;
    long value;
    if (v instanceof byte[] b) {
      if (b.length > 8) {
        throw new ValueException("BIT value of " + b.length + " bytes is wider than 64 bits");
      }
      value = new BigInteger(1, b).longValue();
    } else {
      value = toInteger(v).longValue();
    }
    if (width < 64 && (value < 0 || value >= 1L << width)) {
      throw new ValueException("value " + value + " does not fit in BIT(" + width + ")");
    }
    return new ColumnValue.Bit(value, (width + 7) / 8);
  }

  private static ColumnValue json(Object v) {
    String text;
    if (v instanceof String s) {
      text = s;
    } else if (v instanceof byte[] b) {
      text = new String(b, java.nio.charset.StandardCharsets.UTF_8);
    } else if (v instanceof Boolean || v instanceof Number) {
      text = v.toString();
    } else {
      throw new ValueException(
          "cannot store " + v.getClass().getSimpleName() + " in a JSON column");
    }
    try {
      return new ColumnValue.Json(BinaryJsonCodec.encode(JsonText.parse(text)));
    } catch (CodecException e) {
      throw new ValueException(e.getMessage(), e);
    }
  }

  static int fsp(FieldType t) {
    return Math.max(0, Math.min(6, t.decimal()));
  }

  // ---- Java value coercions ----

  static BigInteger toInteger(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return BigInteger.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigInteger b) {
      return b;
    }
    if (v instanceof Boolean b) {
      return b ? BigInteger.ONE : BigInteger.ZERO;
    }
    if (v instanceof BigDecimal
        || v instanceof Double
        || v instanceof Float
        || v instanceof String) {
      return toDecimal(v).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
    }
    if (v instanceof byte[] b) {
      return new BigInteger(1, b);
    }
    throw new ValueException("cannot use " + describe(v) + " as an integer");
  }

  static BigDecimal toDecimal(Object v) {
    try {
      if (v instanceof BigDecimal d) {
        return d;
      }
      if (v instanceof BigInteger b) {
        return new BigDecimal(b);
      }
      if (v instanceof Double || v instanceof Float) {
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new ValueException(d + " is not a number MySQL can store");
        }
        return BigDecimal.valueOf(d);
      }
      if (v instanceof Number n) {
        return BigDecimal.valueOf(n.longValue());
      }
      if (v instanceof Boolean b) {
        return b ? BigDecimal.ONE : BigDecimal.ZERO;
      }
      if (v instanceof String s) {
        return new BigDecimal(s.trim());
      }
    } catch (NumberFormatException e) {
      throw new ValueException("incorrect number '" + v + "'", e);
    }
    throw new ValueException("cannot use " + describe(v) + " as a number");
  }

  static double toDouble(Object v) {
    if (v instanceof Number n && !(v instanceof BigDecimal) && !(v instanceof BigInteger)) {
      return n.doubleValue();
    }
    return toDecimal(v).doubleValue();
  }

  private static String text(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number) {
      return v.toString();
    }
    throw new ValueException("cannot use " + describe(v) + " as a date/time");
  }

  static String describe(Object v) {
    if (v instanceof byte[] b) {
      return "binary value of "
          + b.length
          + " bytes "
          + Arrays.toString(Arrays.copyOf(b, Math.min(8, b.length)));
    }
    return v.getClass().getSimpleName() + " " + v;
  }
}
