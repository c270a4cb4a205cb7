package io.tidb.cdc.tidb.row;

import io.tidb.cdc.tidb.codec.ByteReader;
import io.tidb.cdc.tidb.codec.ByteWriter;
import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.codec.DecimalCodec;
import io.tidb.cdc.tidb.codec.FloatCodec;
import io.tidb.cdc.tidb.json.BinaryJson;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import java.util.Arrays;

/**
 * Encoding of one non-null column value inside a row v2 ({@code rowcodec.encodeValueDatum} and
 * {@code DatumMapDecoder.decodeColDatum}): integers little-endian in the fewest of 1/2/4/8 bytes,
 * floats as {@code EncodeFloat}, decimals as {@code EncodeDecimal}, strings raw, times as the
 * packed uint, TIME as int nanoseconds, ENUM/SET/BIT as uints, JSON as type code plus value.
 */
final class RowV2Values {
  private RowV2Values() {}

  static void write(ByteWriter out, ColumnValue v) {
    if (v instanceof ColumnValue.Int i) {
      writeInt(out, i.value());
    } else if (v instanceof ColumnValue.Uint u) {
      writeUint(out, u.value());
    } else if (v instanceof ColumnValue.Float32 f) {
      FloatCodec.writeFloat(out, f.value());
    } else if (v instanceof ColumnValue.Float64 f) {
      FloatCodec.writeFloat(out, f.value());
    } else if (v instanceof ColumnValue.Decimal d) {
      DecimalCodec.writeDecimal(out, d.value(), d.precision(), d.frac());
    } else if (v instanceof ColumnValue.Bytes b) {
      out.write(b.value());
    } else if (v instanceof ColumnValue.Time t) {
      writeUint(out, t.time().toPackedUint());
    } else if (v instanceof ColumnValue.Duration d) {
      writeInt(out, d.nanos());
    } else if (v instanceof ColumnValue.Enum e) {
      writeUint(out, e.index());
    } else if (v instanceof ColumnValue.Set s) {
      writeUint(out, s.bits());
    } else if (v instanceof ColumnValue.Bit b) {
      writeUint(out, b.value());
    } else if (v instanceof ColumnValue.Json j) {
      out.write(j.value().toBytes());
    } else {
      throw new IllegalArgumentException("cannot encode " + v + " as a row v2 value");
    }
  }

  /** Signed: 1, 2, 4 or 8 bytes little-endian, the fewest that hold the value. */
  static void writeInt(ByteWriter out, long v) {
    if (v == (byte) v) {
      out.write((int) v);
    } else if (v == (short) v) {
      out.writeShortLittleEndian((int) v);
    } else if (v == (int) v) {
      out.writeIntLittleEndian((int) v);
    } else {
      out.writeLongLittleEndian(v);
    }
  }

  /** Unsigned: 1, 2, 4 or 8 bytes little-endian, the fewest that hold the value. */
  static void writeUint(ByteWriter out, long v) {
    if ((v & ~0xFFL) == 0) {
      out.write((int) v);
    } else if ((v & ~0xFFFFL) == 0) {
      out.writeShortLittleEndian((int) v);
    } else if ((v & ~0xFFFF_FFFFL) == 0) {
      out.writeIntLittleEndian((int) v);
    } else {
      out.writeLongLittleEndian(v);
    }
  }

  static long readInt(byte[] data) {
    long u = readUint(data);
    return switch (data.length) {
      case 1 -> (byte) u;
      case 2 -> (short) u;
      case 4 -> (int) u;
      default -> u;
    };
  }

  static long readUint(byte[] data) {
    if (data.length != 1 && data.length != 2 && data.length != 4 && data.length != 8) {
      throw new CodecException("integer column value has " + data.length + " bytes, not 1/2/4/8");
    }
    return new ByteReader(data).readLittleEndian(data.length);
  }

  /** Decodes one stored value for a column of {@code type}. */
  static ColumnValue read(byte[] data, FieldType type) {
    int tp = type.tp();
    if (MysqlType.isInteger(tp)) {
      return type.isUnsigned()
          ? new ColumnValue.Uint(readUint(data))
          : new ColumnValue.Int(readInt(data));
    }
    if (MysqlType.isString(tp)) {
      return new ColumnValue.Bytes(data);
    }
    if (MysqlType.isTime(tp)) {
      return ValueFactory.timeValue(readUint(data), type);
    }
    return switch (tp) {
      case MysqlType.YEAR -> new ColumnValue.Int(readInt(data));
      case MysqlType.FLOAT -> new ColumnValue.Float32((float) readFloat(data));
      case MysqlType.DOUBLE -> new ColumnValue.Float64(readFloat(data));
      case MysqlType.NEWDECIMAL -> readDecimal(data);
      case MysqlType.DURATION -> new ColumnValue.Duration(readInt(data), ValueFactory.fsp(type));
      case MysqlType.ENUM -> ValueFactory.enumValue(readUint(data), type);
      case MysqlType.SET -> ValueFactory.setValue(readUint(data), type);
      case MysqlType.BIT -> ValueFactory.bitValue(readUint(data), type);
      case MysqlType.JSON -> readJson(data);
      default ->
          throw new CodecException("unsupported column type " + MysqlType.name(tp) + " in row v2");
    };
  }

  private static double readFloat(byte[] data) {
    if (data.length != 8) {
      throw new CodecException("float column value has " + data.length + " bytes, not 8");
    }
    return FloatCodec.readFloat(new ByteReader(data));
  }

  private static ColumnValue readDecimal(byte[] data) {
    ByteReader in = new ByteReader(data);
    DecimalCodec.Decoded d = DecimalCodec.readDecimal(in);
    if (in.hasRemaining()) {
      throw new CodecException(in.remaining() + " trailing bytes after decimal column value");
    }
    return new ColumnValue.Decimal(d.value(), d.precision(), d.frac());
  }

  private static ColumnValue readJson(byte[] data) {
    if (data.length == 0) {
      throw new CodecException("empty JSON column value");
    }
    return new ColumnValue.Json(
        new BinaryJson(data[0] & 0xFF, Arrays.copyOfRange(data, 1, data.length)));
  }
}
