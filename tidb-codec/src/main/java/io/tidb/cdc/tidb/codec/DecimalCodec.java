package io.tidb.cdc.tidb.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * MySQL's binary DECIMAL form as TiDB writes it ({@code MyDecimal.WriteBin} / {@code FromBin}), and
 * TiDB's {@code EncodeDecimal} (precision byte, frac byte, then the binary form).
 *
 * <p>The binary form depends on (precision, frac), not on the value: the integer part has {@code
 * precision - frac} digits, the fraction {@code frac} digits; every full group of 9 digits takes 4
 * big-endian bytes and a partial group the fewest bytes that hold it. Negative values have every
 * byte inverted; finally the top bit of the first byte is flipped so the bytes sort like numbers.
 * Extra fraction digits are truncated, as TiDB does; round before encoding if that matters.
 */
public final class DecimalCodec {
  /**
   * The widest precision TiDB's {@code WriteBin} accepts (9 words of 9 digits); DECIMAL columns are
   * limited to 65 by the SQL layer.
   */
  public static final int MAX_PRECISION = 81;

  /** {@code mysql.MaxDecimalScale}. */
  public static final int MAX_FRAC = 30;

  private static final int DIGITS_PER_WORD = 9;
  private static final int WORD_SIZE = 4;
  private static final int[] DIG_TO_BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
  private static final BigInteger WORD_BASE = BigInteger.valueOf(1_000_000_000L);

  private DecimalCodec() {}

  /** A decoded {@code EncodeDecimal} value with the precision and frac it was written with. */
  public record Decoded(BigDecimal value, int precision, int frac) {}

  /** A DECIMAL shape: total digits and fraction digits. */
  public record Shape(int precision, int frac) {}

  /** {@code DecimalBinSize}: the length of the binary form for (precision, frac). */
  public static int binSize(int precision, int frac) {
    checkShape(precision, frac);
    int digitsInt = precision - frac;
    int wordsInt = digitsInt / DIGITS_PER_WORD;
    int wordsFrac = frac / DIGITS_PER_WORD;
    return wordsInt * WORD_SIZE
        + DIG_TO_BYTES[digitsInt - wordsInt * DIGITS_PER_WORD]
        + wordsFrac * WORD_SIZE
        + DIG_TO_BYTES[frac - wordsFrac * DIGITS_PER_WORD];
  }

  /**
   * {@code MyDecimal.PrecisionAndFrac}: frac is the value's scale, precision the count of integer
   * digits without leading zeros plus frac, and at least 1.
   */
  public static Shape precisionAndFrac(BigDecimal value) {
    BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
    int frac = v.scale();
    BigInteger intPart = v.abs().setScale(0, RoundingMode.DOWN).unscaledValue();
    int digitsInt = intPart.signum() == 0 ? 0 : intPart.toString().length();
    int precision = Math.max(digitsInt + frac, 1);
    return new Shape(precision, frac);
  }

  /** Writes the binary form of {@code value} for (precision, frac). */
  public static void writeBin(ByteWriter out, BigDecimal value, int precision, int frac) {
    checkShape(precision, frac);
    BigDecimal scaled = value.setScale(frac, RoundingMode.DOWN);
    boolean negative = scaled.signum() < 0;
    String digits = scaled.unscaledValue().abs().toString();
    int digitsInt = precision - frac;
    String intDigits = digits.length() > frac ? digits.substring(0, digits.length() - frac) : "";
    String fracDigits =
        digits.length() > frac
            ? digits.substring(digits.length() - frac)
            : "0".repeat(frac - digits.length()) + digits;
    if (intDigits.length() > digitsInt) {
      throw new CodecException(
          "decimal "
              + value.toPlainString()
              + " overflows DECIMAL("
              + precision
              + ","
              + frac
              + ")");
    }
    intDigits = "0".repeat(digitsInt - intDigits.length()) + intDigits;

    byte[] bin = new byte[binSize(precision, frac)];
    int at = 0;
    int leading = digitsInt % DIGITS_PER_WORD;
    if (leading > 0) {
      at = put(bin, at, Long.parseLong(intDigits.substring(0, leading)), DIG_TO_BYTES[leading]);
    }
    for (int i = leading; i < digitsInt; i += DIGITS_PER_WORD) {
      at = put(bin, at, Long.parseLong(intDigits.substring(i, i + DIGITS_PER_WORD)), WORD_SIZE);
    }
    int fullFrac = frac - frac % DIGITS_PER_WORD;
    for (int i = 0; i < fullFrac; i += DIGITS_PER_WORD) {
      at = put(bin, at, Long.parseLong(fracDigits.substring(i, i + DIGITS_PER_WORD)), WORD_SIZE);
    }
    int trailing = frac - fullFrac;
    if (trailing > 0) {
      put(bin, at, Long.parseLong(fracDigits.substring(fullFrac)), DIG_TO_BYTES[trailing]);
    }
    if (negative) {
      for (int i = 0; i < bin.length; i++) {
        bin[i] = (byte) ~bin[i];
      }
    }
    bin[0] ^= (byte) 0x80;
    out.write(bin);
  }

  /** Reads the binary form for (precision, frac); the result has scale {@code frac}. */
  public static BigDecimal readBin(ByteReader in, int precision, int frac) {
    int start = in.position();
    int size = binSize(precision, frac);
    in.require(size, "DECIMAL(" + precision + "," + frac + ") binary");
    byte[] bin = in.readBytes(size);
    boolean negative = (bin[0] & 0x80) == 0;
    bin[0] ^= (byte) 0x80;
    if (negative) {
      for (int i = 0; i < bin.length; i++) {
        bin[i] = (byte) ~bin[i];
      }
    }
    int digitsInt = precision - frac;
    BigInteger acc = BigInteger.ZERO;
    int at = 0;
    int leading = digitsInt % DIGITS_PER_WORD;
    if (leading > 0) {
      long v = get(bin, at, DIG_TO_BYTES[leading]);
      at += DIG_TO_BYTES[leading];
      checkGroup(v, leading, start);
      acc = BigInteger.valueOf(v);
    }
    for (int i = leading; i < digitsInt; i += DIGITS_PER_WORD) {
      long v = get(bin, at, WORD_SIZE);
      at += WORD_SIZE;
      checkGroup(v, DIGITS_PER_WORD, start);
      acc = acc.multiply(WORD_BASE).add(BigInteger.valueOf(v));
    }
    int fullFrac = frac - frac % DIGITS_PER_WORD;
    for (int i = 0; i < fullFrac; i += DIGITS_PER_WORD) {
      long v = get(bin, at, WORD_SIZE);
      at += WORD_SIZE;
      checkGroup(v, DIGITS_PER_WORD, start);
      acc = acc.multiply(WORD_BASE).add(BigInteger.valueOf(v));
    }
    int trailing = frac - fullFrac;
    if (trailing > 0) {
      long v = get(bin, at, DIG_TO_BYTES[trailing]);
      checkGroup(v, trailing, start);
      acc = acc.multiply(BigInteger.TEN.pow(trailing)).add(BigInteger.valueOf(v));
    }
    return new BigDecimal(negative ? acc.negate() : acc, frac);
  }

  /**
   * {@code EncodeDecimal}: precision byte, frac byte, binary form. A precision of 0 means "use the
   * value's own precision and frac" ({@link #precisionAndFrac}).
   */
  public static void writeDecimal(ByteWriter out, BigDecimal value, int precision, int frac) {
    int p = precision;
    int f = frac;
    if (p == 0) {
      Shape shape = precisionAndFrac(value);
      p = shape.precision();
      f = shape.frac();
    }
    f = Math.min(f, MAX_FRAC);
    out.write(p);
    out.write(f);
    writeBin(out, value, p, f);
  }

  /** {@code DecodeDecimal}. */
  public static Decoded readDecimal(ByteReader in) {
    in.require(3, "decimal");
    int precision = in.readUnsignedByte();
    int frac = in.readUnsignedByte();
    return new Decoded(readBin(in, precision, frac), precision, frac);
  }

  private static void checkShape(int precision, int frac) {
    if (precision < 1
        || precision > MAX_PRECISION
        || frac < 0
        || frac > MAX_FRAC
        || frac > precision) {
      throw new CodecException(
          "invalid DECIMAL shape (precision " + precision + ", frac " + frac + ")");
    }
  }

  private static void checkGroup(long v, int digits, int offset) {
    if (v >= pow10(digits)) {
      throw new CodecException(
          "invalid decimal binary at offset "
              + offset
              + ": group value "
              + v
              + " has more than "
              + digits
              + " digits");
    }
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  private static int put(byte[] bin, int at, long v, int width) {
    for (int i = 0; i < width; i++) {
      bin[at + i] = (byte) (v >>> (8 * (width - 1 - i)));
    }
    return at + width;
  }

  private static long get(byte[] bin, int at, int width) {
    long v = 0;
    for (int i = 0; i < width; i++) {
      v = (v << 8) | (bin[at + i] & 0xFF);
    }
    return v;
  }
}
