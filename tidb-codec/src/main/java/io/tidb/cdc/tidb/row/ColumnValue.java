package io.tidb.cdc.tidb.row;

import io.tidb.cdc.tidb.json.BinaryJson;
import io.tidb.cdc.tidb.types.MysqlDurations;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A typed column value, one kind per family of TiDB column types:
 *
 * <table>
 *   <caption>Column type to value kind</caption>
 *   <tr><td>TINYINT..BIGINT signed, YEAR</td><td>{@link Int}</td></tr>
 *   <tr><td>TINYINT..BIGINT UNSIGNED</td><td>{@link Uint} (64 bits in a long)</td></tr>
 *   <tr><td>FLOAT / DOUBLE</td><td>{@link Float32} / {@link Float64}</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>{@link Decimal} with the precision and frac written</td></tr>
 *   <tr><td>CHAR, VARCHAR, TEXT, BINARY, VARBINARY, BLOB</td><td>{@link Bytes}: the stored
 *       bytes in the column's charset (UTF-8 for utf8mb4)</td></tr>
 *   <tr><td>DATE, DATETIME, TIMESTAMP</td><td>{@link Time}; TIMESTAMP is in UTC</td></tr>
 *   <tr><td>TIME</td><td>{@link Duration}: signed nanoseconds</td></tr>
 *   <tr><td>ENUM</td><td>{@link Enum}: 1-based index (0 = the empty error value)</td></tr>
 *   <tr><td>SET</td><td>{@link Set}: bit mask over the elements</td></tr>
 *   <tr><td>BIT(n)</td><td>{@link Bit}</td></tr>
 *   <tr><td>JSON</td><td>{@link Json}: TiDB binary JSON</td></tr>
 * </table>
 *
 * SQL NULL is {@link Null}.
 */
public sealed interface ColumnValue {

  /** SQL NULL. */
  record Null() implements ColumnValue {
    public static final Null INSTANCE = new Null();
  }

  record Int(long value) implements ColumnValue {}

  /** An unsigned integer; {@link #toString()} prints it unsigned. */
  record Uint(long value) implements ColumnValue {
    @Override
    public String toString() {
      return "Uint[" + Long.toUnsignedString(value) + "]";
    }
  }

  record Float32(float value) implements ColumnValue {}

  record Float64(double value) implements ColumnValue {}

  /**
   * A decimal and the (precision, frac) it is stored with; precision 0 means "the value's own".
   * TiDB writes a column's values with the column's {@code Flen} and {@code Decimal}.
   */
  record Decimal(BigDecimal value, int precision, int frac) implements ColumnValue {
    public static Decimal of(BigDecimal value) {
      return new Decimal(value, 0, 0);
    }
  }

  /** Raw bytes of a string or binary column. */
  record Bytes(byte[] value) implements ColumnValue {
    public Bytes {
      value = value.clone();
    }

    public static Bytes utf8(String s) {
      return new Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    /** The bytes read as UTF-8 (the charset of utf8/utf8mb4 columns). */
    public String asUtf8() {
      return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(b.value, value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes[" + HexFormat.of().formatHex(value) + "]";
    }
  }

  /**
   * DATE, DATETIME or TIMESTAMP ({@code type} is the {@link MysqlType} code) with the column's
   * fractional-seconds precision.
   */
  record Time(MysqlTime time, int type, int fsp) implements ColumnValue {
    public Time {
      if (!MysqlType.isTime(type)) {
        throw new IllegalArgumentException(MysqlType.name(type) + " is not a date/time type");
      }
      if (fsp < 0 || fsp > 6) {
        throw new IllegalArgumentException("fsp " + fsp + " outside [0, 6]");
      }
    }

    /** As MySQL prints it: {@code YYYY-MM-DD} for DATE, with time and fsp digits otherwise. */
    public String format() {
      return type == MysqlType.DATE ? time.formatDate() : time.format(fsp);
    }
  }

  /** TIME as signed nanoseconds, with the column's fractional-seconds precision. */
  record Duration(long nanos, int fsp) implements ColumnValue {
    /** As MySQL prints it: {@code [-]hh:mm:ss[.fraction]}, hours may exceed 24. */
    public String format() {
      return MysqlDurations.format(nanos, fsp);
    }
  }

  /** ENUM: the 1-based element index and its name ("" for index 0). */
  record Enum(long index, String name) implements ColumnValue {}

  /** SET: the bit mask and the comma-joined names of the set elements. */
  record Set(long bits, String names) implements ColumnValue {}

  /** BIT(n): the value and the byte width TiDB gives it, {@code (n + 7) / 8}. */
  record Bit(long value, int byteSize) implements ColumnValue {}

  record Json(BinaryJson value) implements ColumnValue {}
}
