package io.tidb.cdc.tidb.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * TiDB's datum codec ({@code codec.EncodeKey}, {@code codec.EncodeValue}, {@code DecodeOne}, {@code
 * CutOne}). Key form is memcomparable and used in index keys and common handles; value form is
 * compact and used in row format v1. Strings are encoded as their raw bytes: TiDB's new collations
 * put a sort key into index keys instead, which callers must compute themselves.
 */
public final class DatumCodec {
  private DatumCodec() {}

  /** {@code EncodeKey} of the datums, in order. */
  public static byte[] encodeKey(Datum... datums) {
    return encodeKey(List.of(datums));
  }

  /** {@code EncodeKey} of the datums, in order. */
  public static byte[] encodeKey(List<? extends Datum> datums) {
    ByteWriter w = new ByteWriter();
    for (Datum d : datums) {
      writeKey(w, d);
    }
    return w.toByteArray();
  }

  /** {@code EncodeValue} of the datums, in order. */
  public static byte[] encodeValue(Datum... datums) {
    return encodeValue(List.of(datums));
  }

  /** {@code EncodeValue} of the datums, in order. */
  public static byte[] encodeValue(List<? extends Datum> datums) {
    ByteWriter w = new ByteWriter();
    for (Datum d : datums) {
      writeValue(w, d);
    }
    return w.toByteArray();
  }

  /** Appends the memcomparable (key) form of one datum. */
  public static void writeKey(ByteWriter out, Datum d) {
    if (d instanceof Datum.Int v) {
      out.write(DatumFlag.INT);
      NumberCodec.writeInt(out, v.value());
    } else if (d instanceof Datum.Uint v) {
      out.write(DatumFlag.UINT);
      NumberCodec.writeUint(out, v.value());
    } else if (d instanceof Datum.Bytes v) {
      out.write(DatumFlag.BYTES);
      MemComparable.write(out, v.value());
    } else {
      writeCommon(out, d);
    }
  }

  /** Appends the compact (value) form of one datum. */
  public static void writeValue(ByteWriter out, Datum d) {
    if (d instanceof Datum.Int v) {
      out.write(DatumFlag.VARINT);
      NumberCodec.writeVarint(out, v.value());
    } else if (d instanceof Datum.Uint v) {
      out.write(DatumFlag.UVARINT);
      NumberCodec.writeUvarint(out, v.value());
    } else if (d instanceof Datum.Bytes v) {
      out.write(DatumFlag.COMPACT_BYTES);
      CompactBytes.write(out, v.value());
    } else {
      writeCommon(out, d);
    }
  }

  /** Kinds whose encoding is the same in keys and values. */
  private static void writeCommon(ByteWriter out, Datum d) {
    if (d instanceof Datum.Null) {
      out.write(DatumFlag.NIL);
    } else if (d instanceof Datum.Float64 v) {
      out.write(DatumFlag.FLOAT);
      FloatCodec.writeFloat(out, v.value());
    } else if (d instanceof Datum.Decimal v) {
      out.write(DatumFlag.DECIMAL);
      DecimalCodec.writeDecimal(out, v.value(), v.precision(), v.frac());
    } else if (d instanceof Datum.Duration v) {
      out.write(DatumFlag.DURATION);
      NumberCodec.writeInt(out, v.nanos());
    } else if (d instanceof Datum.Json v) {
      out.write(DatumFlag.JSON);
      out.write(v.typeCode());
      out.write(v.value());
    } else if (d instanceof Datum.MinNotNull) {
      out.write(DatumFlag.BYTES);
    } else if (d instanceof Datum.Max) {
      out.write(DatumFlag.MAX);
    } else {
      throw new IllegalArgumentException("unsupported datum " + d);
    }
  }

  /** {@code DecodeOne}: decodes the datum at the reader's position and moves past it. */
  public static Datum readOne(ByteReader in) {
    int at = in.position();
    int flag = in.readUnsignedByte();
    return switch (flag) {
      case DatumFlag.NIL -> Datum.Null.INSTANCE;
      case DatumFlag.INT -> new Datum.Int(NumberCodec.readInt(in));
      case DatumFlag.UINT -> new Datum.Uint(NumberCodec.readUint(in));
      case DatumFlag.VARINT -> new Datum.Int(NumberCodec.readVarint(in));
      case DatumFlag.UVARINT -> new Datum.Uint(NumberCodec.readUvarint(in));
      case DatumFlag.FLOAT -> new Datum.Float64(FloatCodec.readFloat(in));
      case DatumFlag.BYTES -> new Datum.Bytes(MemComparable.read(in));
      case DatumFlag.COMPACT_BYTES -> new Datum.Bytes(CompactBytes.read(in));
      case DatumFlag.DECIMAL -> {
        DecimalCodec.Decoded d = DecimalCodec.readDecimal(in);
        yield new Datum.Decimal(d.value(), d.precision(), d.frac());
      }
      case DatumFlag.DURATION -> new Datum.Duration(NumberCodec.readInt(in));
      case DatumFlag.JSON -> {
        int typeCode = in.readUnsignedByte();
        int n = JsonExtent.valueLength(typeCode, in);
        yield new Datum.Json(typeCode, in.readBytes(n));
      }
      case DatumFlag.MAX -> Datum.Max.INSTANCE;
      default -> throw new CodecException("invalid datum flag " + flag + " at offset " + at);
    };
  }

  /** {@code Decode}: decodes every datum in {@code encoded}. */
  public static List<Datum> decodeAll(byte[] encoded) {
    ByteReader in = new ByteReader(encoded);
    List<Datum> out = new ArrayList<>();
    while (in.hasRemaining()) {
      out.add(readOne(in));
    }
    return out;
  }

  /**
   * {@code CutOne}: returns the encoded bytes of the datum at the reader's position, moving past
   * it.
   */
  public static byte[] cutOne(ByteReader in) {
    ByteReader probe = in.fork();
    int start = probe.position();
    skipOne(probe);
    int length = probe.position() - start;
    return in.readBytes(length);
  }

  private static void skipOne(ByteReader in) {
    int at = in.position();
    int flag = in.readUnsignedByte();
    switch (flag) {
      case DatumFlag.NIL, DatumFlag.MAX -> {}
      case DatumFlag.INT, DatumFlag.UINT, DatumFlag.FLOAT, DatumFlag.DURATION -> in.skip(8);
      case DatumFlag.VARINT, DatumFlag.UVARINT -> NumberCodec.readUvarint(in);
      case DatumFlag.BYTES -> MemComparable.read(in);
      case DatumFlag.COMPACT_BYTES -> {
        long n = NumberCodec.readVarint(in);
        if (n < 0 || n > in.remaining()) {
          throw new CodecException("compact bytes at offset " + at + " overrun the input");
        }
        in.skip((int) n);
      }
      case DatumFlag.DECIMAL -> {
        in.require(2, "decimal header");
        int precision = in.readUnsignedByte();
        int frac = in.readUnsignedByte();
        in.skip(DecimalCodec.binSize(precision, frac));
      }
      case DatumFlag.JSON -> {
        int typeCode = in.readUnsignedByte();
        in.skip(JsonExtent.valueLength(typeCode, in));
      }
      default -> throw new CodecException("invalid datum flag " + flag + " at offset " + at);
    }
  }
}
