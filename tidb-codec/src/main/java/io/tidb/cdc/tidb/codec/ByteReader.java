package io.tidb.cdc.tidb.codec;

import java.util.Arrays;

/**
 * A cursor over a byte array. Every read checks the remaining length and fails with a {@link
 * CodecException} naming what was being read and where, never with an index exception.
 */
public final class ByteReader {
  private final byte[] buf;
  private final int end;
  private int pos;

  public ByteReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public ByteReader(byte[] buf, int offset) {
    this(buf, offset, buf.length - offset);
  }

  public ByteReader(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buf.length) {
      throw new IndexOutOfBoundsException(
          "range [" + offset + ", +" + length + ") outside array of " + buf.length);
    }
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return end - pos;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  /** Fails unless at least {@code n} bytes remain; {@code what} names the value being read. */
  public void require(int n, String what) {
    if (n < 0 || end - pos < n) {
      throw new CodecException(
          "truncated "
              + what
              + ": need "
              + n
              + " bytes at offset "
              + pos
              + ", "
              + (end - pos)
              + " left");
    }
  }

  /** A second reader over the same bytes, starting here; reading it does not move this one. */
  public ByteReader fork() {
    return new ByteReader(buf, pos, end - pos);
  }

  public int readUnsignedByte() {
    require(1, "byte");
    return buf[pos++] & 0xFF;
  }

  public int peekUnsignedByte() {
    require(1, "byte");
    return buf[pos] & 0xFF;
  }

  public byte[] readBytes(int n) {
    require(n, "byte string");
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /** Returns the remaining bytes and moves to the end. */
  public byte[] readRemaining() {
    return readBytes(remaining());
  }

  public void skip(int n) {
    require(n, "skipped bytes");
    pos += n;
  }

  /** Returns a copy of {@code buf[from, to)} of the underlying array without moving. */
  public byte[] copyRange(int from, int to) {
    if (from < 0 || to > end || from > to) {
      throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside input");
    }
    return Arrays.copyOfRange(buf, from, to);
  }

  public long readLongBigEndian() {
    return readBigEndian(8);
  }

  /** Reads {@code width} (1..8) bytes as an unsigned big-endian number. */
  public long readBigEndian(int width) {
    require(width, width + "-byte big-endian number");
    long v = 0;
    for (int i = 0; i < width; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  public long readLongLittleEndian() {
    return readLittleEndian(8);
  }

  /** Reads {@code width} (1..8) bytes as an unsigned little-endian number. */
  public long readLittleEndian(int width) {
    require(width, width + "-byte little-endian number");
    long v = 0;
    for (int i = 0; i < width; i++) {
      v |= (long) (buf[pos++] & 0xFF) << (8 * i);
    }
    return v;
  }

  public long readUnsignedIntLittleEndian() {
    return readLittleEndian(4);
  }

  public int readUnsignedShortLittleEndian() {
    return (int) readLittleEndian(2);
  }
}
