package io.tidb.cdc.tidb.codec;

/**
 * TiDB's {@code EncodeCompactBytes}: a zigzag varint length followed by the raw bytes. Shorter than
 * the memcomparable form but not order-preserving; used for byte strings in values (row format v1).
 */
public final class CompactBytes {
  private CompactBytes() {}

  public static void write(ByteWriter out, byte[] data) {
    NumberCodec.writeVarint(out, data.length);
    out.write(data);
  }

  public static byte[] read(ByteReader in) {
    int start = in.position();
    long n = NumberCodec.readVarint(in);
    if (n < 0 || n > in.remaining()) {
      throw new CodecException(
          "compact bytes at offset "
              + start
              + " declare length "
              + n
              + " but "
              + in.remaining()
              + " bytes remain");
    }
    return in.readBytes((int) n);
  }

  public static byte[] encode(byte[] data) {
    ByteWriter w = new ByteWriter(data.length + NumberCodec.MAX_VARINT_LENGTH);
    write(w, data);
    return w.toByteArray();
  }
}
