package io.tidb.cdc.tidb.codec;

/**
 * TiDB's integer encodings ({@code util/codec/number.go}): memcomparable 8-byte big-endian signed
 * ({@code EncodeInt}, sign bit flipped) and unsigned ({@code EncodeUint}) forms with their
 * descending variants, and Go's {@code encoding/binary} varints ({@code EncodeVarint} zigzag,
 * {@code EncodeUvarint}), which are not memcomparable. Unsigned 64-bit values travel in a Java
 * {@code long} holding the same bits.
 */
public final class NumberCodec {
  private static final long SIGN_MASK = 0x8000_0000_0000_0000L;

  /** Go's {@code binary.MaxVarintLen64}. */
  public static final int MAX_VARINT_LENGTH = 10;

  private NumberCodec() {}

  /** {@code EncodeIntToCmpUint}: flips the sign bit so signed order becomes unsigned order. */
  public static long intToComparableUint(long v) {
    return v ^ SIGN_MASK;
  }

  /** {@code DecodeCmpUintToInt}. */
  public static long comparableUintToInt(long u) {
    return u ^ SIGN_MASK;
  }

  public static void writeInt(ByteWriter out, long v) {
    out.writeLongBigEndian(intToComparableUint(v));
  }

  public static void writeIntDesc(ByteWriter out, long v) {
    out.writeLongBigEndian(~intToComparableUint(v));
  }

  public static void writeUint(ByteWriter out, long v) {
    out.writeLongBigEndian(v);
  }

  public static void writeUintDesc(ByteWriter out, long v) {
    out.writeLongBigEndian(~v);
  }

  public static long readInt(ByteReader in) {
    return comparableUintToInt(in.readLongBigEndian());
  }

  public static long readIntDesc(ByteReader in) {
    return comparableUintToInt(~in.readLongBigEndian());
  }

  public static long readUint(ByteReader in) {
    return in.readLongBigEndian();
  }

  public static long readUintDesc(ByteReader in) {
    return ~in.readLongBigEndian();
  }

  /** {@code EncodeInt} of {@code v} as a fresh 8-byte array. */
  public static byte[] encodeInt(long v) {
    ByteWriter w = new ByteWriter(8);
    writeInt(w, v);
    return w.toByteArray();
  }

  /** {@code EncodeUint} of {@code v} as a fresh 8-byte array. */
  public static byte[] encodeUint(long v) {
    ByteWriter w = new ByteWriter(8);
    writeUint(w, v);
    return w.toByteArray();
  }

  /** Go's {@code binary.PutUvarint}: 7 bits per byte, least significant group first. */
  public static void writeUvarint(ByteWriter out, long v) {
    long x = v;
    while (Long.compareUnsigned(x, 0x80) >= 0) {
      out.write((int) (x & 0x7F) | 0x80);
      x >>>= 7;
    }
    out.write((int) x);
  }

  /** Go's {@code binary.PutVarint}: zigzag, then uvarint. */
  public static void writeVarint(ByteWriter out, long v) {
    long ux = v << 1;
    if (v < 0) {
      ux = ~ux;
    }
    writeUvarint(out, ux);
  }

  /** Go's {@code binary.Uvarint}, failing on truncation and on values wider than 64 bits. */
  public static long readUvarint(ByteReader in) {
    int start = in.position();
    long x = 0;
    int shift = 0;
    for (int i = 0; i < MAX_VARINT_LENGTH; i++) {
      if (!in.hasRemaining()) {
        throw new CodecException("truncated varint at offset " + start);
      }
      int b = in.readUnsignedByte();
      if (b < 0x80) {
        if (i == MAX_VARINT_LENGTH - 1 && b > 1) {
          throw new CodecException("varint at offset " + start + " overflows 64 bits");
        }
        return x | ((long) b << shift);
      }
      x |= (long) (b & 0x7F) << shift;
      shift += 7;
    }
    throw new CodecException("varint at offset " + start + " overflows 64 bits");
  }

  /** Go's {@code binary.Varint}. */
  public static long readVarint(ByteReader in) {
    long ux = readUvarint(in);
    long x = ux >>> 1;
    if ((ux & 1) != 0) {
      x = ~x;
    }
    return x;
  }

  /** {@code EncodeVarint} of {@code v} as a fresh array. */
  public static byte[] encodeVarint(long v) {
    ByteWriter w = new ByteWriter(MAX_VARINT_LENGTH);
    writeVarint(w, v);
    return w.toByteArray();
  }

  /** {@code EncodeUvarint} of {@code v} as a fresh array. */
  public static byte[] encodeUvarint(long v) {
    ByteWriter w = new ByteWriter(MAX_VARINT_LENGTH);
    writeUvarint(w, v);
    return w.toByteArray();
  }
}
