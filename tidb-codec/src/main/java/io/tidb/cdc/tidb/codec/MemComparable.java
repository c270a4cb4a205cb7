package io.tidb.cdc.tidb.codec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * TiDB's memcomparable encoding of byte strings ({@code codec.EncodeBytes} in TiDB): the input is
 * cut into 8-byte groups, the last one padded with zeros, and every group is followed by a marker
 * {@code 0xFF - padding}. Encoded values sort bytewise in the same order as the raw values, which
 * is why TiKV region boundaries for transactional keys are stored this way. The descending form
 * inverts every byte of the ascending one.
 */
public final class MemComparable {
  private static final int GROUP = 8;
  private static final int MARKER = 0xFF;

  private MemComparable() {}

  /** Encodes {@code raw} as TiDB's {@code EncodeBytes} does. */
  public static byte[] encodeBytes(byte[] raw) {
    byte[] out = new byte[encodedLength(raw.length)];
    int o = 0;
    for (int i = 0; i <= raw.length; i += GROUP) {
      int remain = raw.length - i;
      int pad = remain >= GROUP ? 0 : GROUP - remain;
      System.arraycopy(raw, i, out, o, GROUP - pad);
      o += GROUP;
      out[o++] = (byte) (MARKER - pad);
    }
    return out;
  }

  /** Appends {@code EncodeBytes(raw)} to {@code out}. */
  public static void write(ByteWriter out, byte[] raw) {
    out.write(encodeBytes(raw));
  }

  /**
   * Encodes {@code raw} as TiDB's {@code EncodeBytesDesc}: every byte of the ascending form
   * inverted.
   */
  public static byte[] encodeBytesDesc(byte[] raw) {
    byte[] out = encodeBytes(raw);
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ~out[i];
    }
    return out;
  }

  /** The length of {@code EncodeBytes} of a {@code rawLength}-byte input. */
  public static int encodedLength(int rawLength) {
    return (rawLength / GROUP + 1) * (GROUP + 1);
  }

  /**
   * Decodes one memcomparable byte string starting at {@code offset}.
   *
   * @throws CodecException if the input is truncated or a group is malformed
   */
  public static Decoded decodeBytes(byte[] buf, int offset) {
    return decode(buf, offset, false);
  }

  /** Decodes one descending memcomparable byte string starting at {@code offset}. */
  public static Decoded decodeBytesDesc(byte[] buf, int offset) {
    return decode(buf, offset, true);
  }

  /** Reads one memcomparable byte string at the reader's position and moves past it. */
  public static byte[] read(ByteReader in) {
    return readGroups(in, 0);
  }

  /** Reads one descending memcomparable byte string at the reader's position. */
  public static byte[] readDesc(ByteReader in) {
    return readGroups(in, 0xFF);
  }

  private static byte[] readGroups(ByteReader in, int flip) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int pos = in.position();
      if (in.remaining() < GROUP + 1) {
        throw new CodecException(
            "memcomparable bytes truncated at offset " + pos + " (need 9 bytes per group)");
      }
      byte[] group = in.readBytes(GROUP + 1);
      int pad = checkGroup(group, 0, pos, flip);
      for (int i = 0; i < GROUP - pad; i++) {
        out.write((group[i] & 0xFF) ^ flip);
      }
      if (pad != 0) {
        return out.toByteArray();
      }
    }
  }

  /** Validates one 9-byte group and returns its padding count. */
  private static int checkGroup(byte[] buf, int at, int reportedOffset, int flip) {
    int marker = (buf[at + GROUP] & 0xFF) ^ flip;
    int pad = MARKER - marker;
    if (pad > GROUP) {
      throw new CodecException(
          "invalid memcomparable marker 0x"
              + Integer.toHexString(marker)
              + " at offset "
              + reportedOffset);
    }
    for (int i = GROUP - pad; i < GROUP; i++) {
      if (((buf[at + i] & 0xFF) ^ flip) != 0) {
        throw new CodecException(
            "memcomparable padding byte is not zero at offset " + (reportedOffset + i));
      }
    }
    return pad;
  }

  /** Decodes a whole buffer that holds exactly one memcomparable byte string. */
  public static byte[] decodeBytes(byte[] encoded) {
    Decoded d = decodeBytes(encoded, 0);
    if (d.next() != encoded.length) {
      throw new CodecException(
          (encoded.length - d.next()) + " trailing bytes after memcomparable value");
    }
    return d.value();
  }

  private static Decoded decode(byte[] buf, int offset, boolean descending) {
    ByteReader in = new ByteReader(buf, offset);
    byte[] value = readGroups(in, descending ? 0xFF : 0);
    return new Decoded(value, in.position());
  }

  /** A decoded value and the offset just past it. */
  public record Decoded(byte[] value, int next) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Decoded d && d.next == next && Arrays.equals(d.value, value);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(value) + next;
    }

    @Override
    public String toString() {
      return "Decoded[" + Arrays.toString(value) + ", next=" + next + "]";
    }
  }
}
