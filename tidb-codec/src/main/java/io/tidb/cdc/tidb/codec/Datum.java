package io.tidb.cdc.tidb.codec;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One value as TiDB's datum codec sees it: the kinds that have their own flag byte. Column types
 * map onto these before encoding, as TiDB's {@code flatten} does: DATE/DATETIME/TIMESTAMP become
 * {@link Uint} (the packed time), ENUM/SET/BIT become {@link Uint}, TIME becomes {@link Duration}
 * (nanoseconds), strings become {@link Bytes}, YEAR becomes {@link Int}.
 */
public sealed interface Datum {

  /** SQL NULL. */
  record Null() implements Datum {
    public static final Null INSTANCE = new Null();
  }

  /** A signed 64-bit integer. */
  record Int(long value) implements Datum {}

  /** An unsigned 64-bit integer, held in the bits of a {@code long}. */
  record Uint(long value) implements Datum {
    @Override
    public String toString() {
      return "Uint[" + Long.toUnsignedString(value) + "]";
    }
  }

  /** FLOAT or DOUBLE, always carried as a double. */
  record Float64(double value) implements Datum {}

  /** A byte string (any string or binary column). */
  record Bytes(byte[] value) implements Datum {
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
   * A decimal with the precision and frac it is encoded with; precision 0 means "the value's own"
   * (TiDB's {@code PrecisionAndFrac}).
   */
  record Decimal(BigDecimal value, int precision, int frac) implements Datum {
    public static Decimal of(BigDecimal value) {
      return new Decimal(value, 0, 0);
    }
  }

  /** A MySQL TIME as signed nanoseconds. */
  record Duration(long nanos) implements Datum {}

  /** A binary JSON value: its type code and the bytes after it. */
  record Json(int typeCode, byte[] value) implements Datum {
    @Override
    public boolean equals(Object o) {
      return o instanceof Json j && j.typeCode == typeCode && Arrays.equals(j.value, value);
    }

    @Override
    public int hashCode() {
      return 31 * typeCode + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Json[" + typeCode + ", " + HexFormat.of().formatHex(value) + "]";
    }
  }

  /** The lowest non-null key value (TiDB's {@code MinNotNull}); encodes as the bytes flag only. */
  record MinNotNull() implements Datum {
    public static final MinNotNull INSTANCE = new MinNotNull();
  }

  /** Above every value (TiDB's {@code MaxValue}); encodes as flag 250 only. */
  record Max() implements Datum {
    public static final Max INSTANCE = new Max();
  }
}
