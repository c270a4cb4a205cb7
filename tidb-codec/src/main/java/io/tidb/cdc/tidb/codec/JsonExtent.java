package io.tidb.cdc.tidb.codec;

/**
 * How many bytes a binary JSON value occupies (TiDB's {@code PeekBytesAsJSON}). The type codes are
 * those of {@code io.tidb.cdc.tidb.json.JsonTypeCode}; they are repeated here so the datum codec
 * does not depend on the JSON package.
 */
final class JsonExtent {
  private JsonExtent() {}

  /**
   * Returns the length of the value after the type code; {@code at} is positioned just after the
   * type code and is not moved.
   */
  static int valueLength(int typeCode, ByteReader at) {
    ByteReader in = at.fork();
    int valueStart = in.position();
    int end = valueStart + in.remaining();
    switch (typeCode) {
      case 0x01, 0x03 -> {
        in.require(8, "JSON container header");
        in.skip(4);
        long size = in.readUnsignedIntLittleEndian();
        return checked(size, valueStart, end);
      }
      case 0x04 -> {
        return checked(1, valueStart, end);
      }
      case 0x09, 0x0a, 0x0b, 0x0e, 0x0f, 0x10 -> {
        return checked(8, valueStart, end);
      }
      case 0x11 -> {
        return checked(12, valueStart, end);
      }
      case 0x0c -> {
        long n = NumberCodec.readUvarint(in);
        return checked(in.position() - valueStart + n, valueStart, end);
      }
      case 0x0d -> {
        in.skip(1);
        long n = NumberCodec.readUvarint(in);
        return checked(in.position() - valueStart + n, valueStart, end);
      }
      default ->
          throw new CodecException(
              "invalid JSON type code 0x"
                  + Integer.toHexString(typeCode)
                  + " at offset "
                  + (valueStart - 1));
    }
  }

  private static int checked(long length, int valueStart, int end) {
    if (length < 0 || length > end - valueStart) {
      throw new CodecException(
          "truncated JSON value at offset "
              + valueStart
              + ": needs "
              + length
              + " bytes, "
              + (end - valueStart)
              + " left");
    }
    return (int) length;
  }
}
