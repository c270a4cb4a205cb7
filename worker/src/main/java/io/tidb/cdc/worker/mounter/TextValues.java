package io.tidb.cdc.worker.mounter;

import io.tidb.cdc.tidb.json.BinaryJsonCodec;
import io.tidb.cdc.tidb.json.JsonText;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text TiDB stores for a column's default value into the typed value a row would hold,
 * for each column type. TiDB normalizes defaults when it runs the DDL (numbers as decimal text,
 * times as {@code YYYY-MM-DD hh:mm:ss[.f]}, TIMESTAMP in UTC, ENUM and SET as element names).
 */
final class TextValues {
  private static final Pattern TIME =
      Pattern.compile(
          "(\\d{1,4})-(\\d{1,2})-(\\d{1,2})"
              + "(?:[ T](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{0,9}))?)?");
  private static final Pattern DURATION =
      Pattern.compile("(-)?(\\d+):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{0,9}))?)?");

  private TextValues() {}

  /**
   * The value of {@code text} for a column of type {@code type}; {@code bitDefault} is the BIT
   * default TiDB keeps as raw bytes, or null.
   *
   * @throws IllegalArgumentException when the text does not fit the type
   */
  static ColumnValue parse(String text, byte[] bitDefault, FieldType type) {
    int tp = type.tp();
    if (MysqlType.isInteger(tp)) {
      long v = integer(text);
      return type.isUnsigned() ? new ColumnValue.Uint(v) : new ColumnValue.Int(v);
    }
    if (MysqlType.isString(tp)) {
      return new ColumnValue.Bytes(padBinary(text.getBytes(StandardCharsets.UTF_8), type));
    }
    if (MysqlType.isTime(tp)) {
      return new ColumnValue.Time(time(text), tp, fsp(type));
    }
    return switch (tp) {
      case MysqlType.YEAR -> new ColumnValue.Int(integer(text));
      case MysqlType.FLOAT -> new ColumnValue.Float32(Float.parseFloat(text.trim()));
      case MysqlType.DOUBLE -> new ColumnValue.Float64(Double.parseDouble(text.trim()));
      case MysqlType.NEWDECIMAL -> decimal(new BigDecimal(text.trim()), type);
      case MysqlType.DURATION -> new ColumnValue.Duration(durationNanos(text), fsp(type));
      case MysqlType.ENUM -> enumValue(text, type);
      case MysqlType.SET -> setValue(text, type);
      case MysqlType.BIT ->
          bit(bitDefault != null ? bitDefault : text.getBytes(StandardCharsets.ISO_8859_1), type);
      case MysqlType.JSON -> new ColumnValue.Json(BinaryJsonCodec.encode(JsonText.parse(text)));
      default ->
          throw new IllegalArgumentException(
              "default values of type " + MysqlType.name(tp) + " are not supported");
    };
  }

  /** A decimal stored with the column's precision and scale. */
  static ColumnValue.Decimal decimal(BigDecimal v, FieldType type) {
    if (type.decimal() >= 0) {
      v = v.setScale(type.decimal(), RoundingMode.HALF_UP);
    }
    return type.flen() > 0 && type.decimal() >= 0
        ? new ColumnValue.Decimal(v, type.flen(), type.decimal())
        : ColumnValue.Decimal.of(v);
  }

  static ColumnValue.Bit bit(byte[] bigEndian, FieldType type) {
    if (bigEndian.length > 8) {
      throw new IllegalArgumentException(
          "BIT value of " + bigEndian.length + " bytes exceeds 64 bits");
    }
    long v = 0;
    for (byte b : bigEndian) {
      v = (v << 8) | (b & 0xFF);
    }
    return new ColumnValue.Bit(v, Math.max((type.flen() + 7) >> 3, 0));
  }

  /** The column's fractional-seconds precision; unspecified (-1) means 0, as in TiDB. */
  static int fsp(FieldType type) {
    return Math.min(Math.max(type.decimal(), 0), 6);
  }

  private static long integer(String text) {
    String t = text.trim();
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      BigDecimal d = new BigDecimal(t).setScale(0, RoundingMode.HALF_UP);
      return d.toBigIntegerExact().longValue(); // unsigned values above 2^63 keep their bits
    }
  }

  /** BINARY(n) values are right-padded with zero bytes to n. */
  private static byte[] padBinary(byte[] raw, FieldType type) {
    boolean fixedBinary = type.tp() == MysqlType.STRING && "binary".equals(type.charset());
    if (fixedBinary && type.flen() > raw.length) {
      return Arrays.copyOf(raw, type.flen());
    }
    return raw;
  }

  static MysqlTime time(String text) {
    Matcher m = TIME.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a date/time literal");
    }
    return new MysqlTime(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)),
        m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
        m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
        micros(m.group(7)));
  }

  static long durationNanos(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a TIME literal");
    }
    long hours = Long.parseLong(m.group(2));
    int minutes = Integer.parseInt(m.group(3));
    int seconds = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    if (minutes > 59 || seconds > 59) {
      throw new IllegalArgumentException("'" + text + "' has minutes or seconds above 59");
    }
    long micros = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + micros(m.group(5));
    long nanos = micros * 1000;
    return m.group(1) != null ? -nanos : nanos;
  }

  private static int micros(String fraction) {
    if (fraction == null || fraction.isEmpty()) {
      return 0;
    }
    String six = (fraction + "000000").substring(0, 6);
    return Integer.parseInt(six);
  }

  private static ColumnValue.Enum enumValue(String text, FieldType type) {
    List<String> elems = type.elemsOrEmpty();
    for (int i = 0; i < elems.size(); i++) {
      if (elems.get(i).equalsIgnoreCase(text)) {
        return new ColumnValue.Enum(i + 1, elems.get(i));
      }
    }
    if (text.isEmpty()) {
      return new ColumnValue.Enum(0, "");
    }
    throw new IllegalArgumentException("'" + text + "' is not an element of ENUM" + elems);
  }

  private static ColumnValue.Set setValue(String text, FieldType type) {
    List<String> elems = type.elemsOrEmpty();
    long bits = 0;
    if (!text.isEmpty()) {
      for (String name : text.split(",", -1)) {
        int i = indexOfIgnoreCase(elems, name);
        if (i < 0 || i >= 64) {
          throw new IllegalArgumentException("'" + name + "' is not an element of SET" + elems);
        }
        bits |= 1L << i;
      }
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < elems.size() && i < 64; i++) {
      if ((bits & (1L << i)) != 0) {
        names.append(names.length() > 0 ? "," : "").append(elems.get(i));
      }
    }
    return new ColumnValue.Set(bits, names.toString());
  }

  private static int indexOfIgnoreCase(List<String> elems, String name) {
    for (int i = 0; i < elems.size(); i++) {
      if (elems.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
