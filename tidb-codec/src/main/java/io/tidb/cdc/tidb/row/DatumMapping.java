package io.tidb.cdc.tidb.row;

import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.codec.Datum;
import io.tidb.cdc.tidb.json.BinaryJson;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;

/**
 * Converts between typed column values and the datums of TiDB's datum codec. Keys (index values,
 * common handles) and row v1 values flatten some kinds differently, as TiDB does: TIME is a
 * duration datum in keys but a plain int in row v1 ({@code tablecodec.flatten}).
 */
public final class DatumMapping {
  private DatumMapping() {}

  /** The datum TiDB's {@code EncodeKey} writes for this value (index keys, common handles). */
  public static Datum toKeyDatum(ColumnValue v) {
    if (v instanceof ColumnValue.Duration d) {
      return new Datum.Duration(d.nanos());
    }
    return flatten(v);
  }

  /** The datum TiDB writes in a row v1 value ({@code tablecodec.flatten}). */
  public static Datum toRowV1Datum(ColumnValue v) {
    if (v instanceof ColumnValue.Duration d) {
      return new Datum.Int(d.nanos());
    }
    return flatten(v);
  }

  private static Datum flatten(ColumnValue v) {
    if (v instanceof ColumnValue.Null) {
      return Datum.Null.INSTANCE;
    } else if (v instanceof ColumnValue.Int i) {
      return new Datum.Int(i.value());
    } else if (v instanceof ColumnValue.Uint u) {
      return new Datum.Uint(u.value());
    } else if (v instanceof ColumnValue.Float32 f) {
      return new Datum.Float64(f.value());
    } else if (v instanceof ColumnValue.Float64 f) {
      return new Datum.Float64(f.value());
    } else if (v instanceof ColumnValue.Decimal d) {
      return new Datum.Decimal(d.value(), d.precision(), d.frac());
    } else if (v instanceof ColumnValue.Bytes b) {
      return new Datum.Bytes(b.value());
    } else if (v instanceof ColumnValue.Time t) {
      return new Datum.Uint(t.time().toPackedUint());
    } else if (v instanceof ColumnValue.Enum e) {
      return new Datum.Uint(e.index());
    } else if (v instanceof ColumnValue.Set s) {
      return new Datum.Uint(s.bits());
    } else if (v instanceof ColumnValue.Bit b) {
      return new Datum.Uint(b.value());
    } else if (v instanceof ColumnValue.Json j) {
      return new Datum.Json(j.value().typeCode(), j.value().value());
    }
    throw new IllegalArgumentException("cannot map " + v + " to a datum");
  }

  /**
   * Types a decoded datum by its column ({@code tablecodec.Unflatten}). Works for row v1 values and
   * for datums cut from keys; a string column under a new collation holds a sort key in index keys
   * and common handles, not the original text.
   */
  public static ColumnValue fromDatum(Datum d, FieldType type) {
    if (d instanceof Datum.Null) {
      return ColumnValue.Null.INSTANCE;
    }
    int tp = type.tp();
    if (MysqlType.isInteger(tp)) {
      long bits = integerBits(d, type);
      return type.isUnsigned() ? new ColumnValue.Uint(bits) : new ColumnValue.Int(bits);
    }
    if (MysqlType.isString(tp)) {
      return new ColumnValue.Bytes(expect(d, Datum.Bytes.class, type).value());
    }
    if (MysqlType.isTime(tp)) {
      return ValueFactory.timeValue(integerBits(d, type), type);
    }
    return switch (tp) {
      case MysqlType.YEAR -> new ColumnValue.Int(integerBits(d, type));
      case MysqlType.FLOAT ->
          new ColumnValue.Float32((float) expect(d, Datum.Float64.class, type).value());
      case MysqlType.DOUBLE ->
          new ColumnValue.Float64(expect(d, Datum.Float64.class, type).value());
      case MysqlType.NEWDECIMAL -> {
        Datum.Decimal dec = expect(d, Datum.Decimal.class, type);
        yield new ColumnValue.Decimal(dec.value(), dec.precision(), dec.frac());
      }
      case MysqlType.DURATION ->
          new ColumnValue.Duration(
              d instanceof Datum.Duration dur ? dur.nanos() : integerBits(d, type),
              ValueFactory.fsp(type));
      case MysqlType.ENUM -> ValueFactory.enumValue(integerBits(d, type), type);
      case MysqlType.SET -> ValueFactory.setValue(integerBits(d, type), type);
      case MysqlType.BIT -> ValueFactory.bitValue(integerBits(d, type), type);
      case MysqlType.JSON -> {
        Datum.Json j = expect(d, Datum.Json.class, type);
        yield new ColumnValue.Json(new BinaryJson(j.typeCode(), j.value()));
      }
      default ->
          throw new CodecException("unsupported column type " + MysqlType.name(tp) + " for " + d);
    };
  }

  private static long integerBits(Datum d, FieldType type) {
    if (d instanceof Datum.Int i) {
      return i.value();
    }
    if (d instanceof Datum.Uint u) {
      return u.value();
    }
    throw mismatch(d, type);
  }

  private static <T extends Datum> T expect(Datum d, Class<T> kind, FieldType type) {
    if (!kind.isInstance(d)) {
      throw mismatch(d, type);
    }
    return kind.cast(d);
  }

  private static CodecException mismatch(Datum d, FieldType type) {
    return new CodecException(
        "datum " + d + " does not fit a column of type " + MysqlType.name(type.tp()));
  }
}
