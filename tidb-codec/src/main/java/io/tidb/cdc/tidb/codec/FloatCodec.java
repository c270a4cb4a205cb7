package io.tidb.cdc.tidb.codec;

/**
 * TiDB's memcomparable float encoding ({@code util/codec/float.go}): non-negative numbers get the
 * sign bit set, negative numbers have every bit inverted, then the 64 bits are written big-endian.
 * Row format v2 stores FLOAT and DOUBLE columns this way too. FLOAT values are widened to double
 * first, as TiDB does.
 */
public final class FloatCodec {
  private static final long SIGN_MASK = 0x8000_0000_0000_0000L;

  private FloatCodec() {}

  public static long toComparableBits(double v) {
    long u = Double.doubleToRawLongBits(v);
    return (u & SIGN_MASK) == 0 ? u | SIGN_MASK : ~u;
  }

  public static double fromComparableBits(long u) {
    long bits = (u & SIGN_MASK) != 0 ? u & ~SIGN_MASK : ~u;
    return Double.longBitsToDouble(bits);
  }

  public static void writeFloat(ByteWriter out, double v) {
    out.writeLongBigEndian(toComparableBits(v));
  }

  public static void writeFloatDesc(ByteWriter out, double v) {
    out.writeLongBigEndian(~toComparableBits(v));
  }

  public static double readFloat(ByteReader in) {
    return fromComparableBits(in.readLongBigEndian());
  }

  public static double readFloatDesc(ByteReader in) {
    return fromComparableBits(~in.readLongBigEndian());
  }

  /** {@code EncodeFloat} of {@code v} as a fresh 8-byte array. */
  public static byte[] encodeFloat(double v) {
    ByteWriter w = new ByteWriter(8);
    writeFloat(w, v);
    return w.toByteArray();
  }
}
