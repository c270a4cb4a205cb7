package io.tidb.cdc.tidb.row;

import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the typed values of ENUM, SET, BIT and time columns from their stored numbers the way
 * TiDB's decoders do ({@code ParseEnumValue}, {@code ParseSetValue}, {@code
 * NewBinaryLiteralFromUint}, {@code FromPackedUint}).
 */
final class ValueFactory {
  private ValueFactory() {}

  /** An index outside {@code 1..elems} becomes TiDB's empty enum (index 0, name ""). */
  static ColumnValue.Enum enumValue(long index, FieldType type) {
    List<String> elems = type.elemsOrEmpty();
    if (index <= 0 || index > elems.size()) {
      return new ColumnValue.Enum(0, "");
    }
    return new ColumnValue.Enum(index, elems.get((int) index - 1));
  }

  static ColumnValue.Set setValue(long bits, FieldType type) {
    List<String> elems = type.elemsOrEmpty();
    List<String> names = new ArrayList<>();
    long rest = bits;
    for (int i = 0; i < elems.size() && i < 64; i++) {
      if ((rest & (1L << i)) != 0) {
        names.add(elems.get(i));
        rest &= ~(1L << i);
      }
    }
    if (rest != 0) {
      throw new CodecException(
          "SET value 0x"
              + Long.toHexString(bits)
              + " has bits beyond the "
              + elems.size()
              + " elements of the column");
    }
    return new ColumnValue.Set(bits, String.join(",", names));
  }

  static ColumnValue.Bit bitValue(long value, FieldType type) {
    return new ColumnValue.Bit(value, Math.max((type.flen() + 7) >> 3, 0));
  }

  static ColumnValue.Time timeValue(long packed, FieldType type) {
    return new ColumnValue.Time(MysqlTime.fromPackedUint(packed), type.tp(), fsp(type));
  }

  /** The column's fractional-seconds precision; unspecified (-1) means 0, as in TiDB. */
  static int fsp(FieldType type) {
    int fsp = type.decimal();
    if (fsp < 0) {
      return 0;
    }
    if (fsp > 6) {
      throw new CodecException("column of type " + type.tp() + " has invalid fsp " + fsp);
    }
    return fsp;
  }
}
