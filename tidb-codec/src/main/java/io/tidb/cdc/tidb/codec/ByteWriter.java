package io.tidb.cdc.tidb.codec;

import java.util.Arrays;

/** A growable byte buffer with the fixed-width writes TiDB's formats need. Not thread-safe. */
public final class ByteWriter {
  private byte[] buf;
  private int size;

  public ByteWriter() {
    this(32);
  }

  public ByteWriter(int initialCapacity) {
    buf = new byte[Math.max(initialCapacity, 8)];
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Writes the low 8 bits of {@code b}. */
  public ByteWriter write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  public ByteWriter write(byte[] bytes) {
    return write(bytes, 0, bytes.length);
  }

  public ByteWriter write(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buf, size, length);
    size += length;
    return this;
  }

  /** Writes {@code count} zero bytes. */
  public ByteWriter writeZeros(int count) {
    ensure(count);
    size += count;
    return this;
  }

  public ByteWriter writeLongBigEndian(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[size++] = (byte) (v >>> (i * 8));
    }
    return this;
  }

  public ByteWriter writeLongLittleEndian(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (v >>> (i * 8));
    }
    return this;
  }

  public ByteWriter writeIntLittleEndian(int v) {
    ensure(4);
    putIntLittleEndian(size, v);
    size += 4;
    return this;
  }

  public ByteWriter writeShortLittleEndian(int v) {
    ensure(2);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
    return this;
  }

  /** Writes the low {@code width} bytes of {@code v}, most significant first. */
  public ByteWriter writeBigEndian(long v, int width) {
    ensure(width);
    for (int i = width - 1; i >= 0; i--) {
      buf[size++] = (byte) (v >>> (i * 8));
    }
    return this;
  }

  /** Overwrites 4 bytes at {@code position}, which must already have been written. */
  public void setIntLittleEndian(int position, int v) {
    checkWritten(position, 4);
    putIntLittleEndian(position, v);
  }

  private void putIntLittleEndian(int position, int v) {
    buf[position] = (byte) v;
    buf[position + 1] = (byte) (v >>> 8);
    buf[position + 2] = (byte) (v >>> 16);
    buf[position + 3] = (byte) (v >>> 24);
  }

  /** Overwrites 2 bytes at {@code position}, which must already have been written. */
  public void setShortLittleEndian(int position, int v) {
    checkWritten(position, 2);
    buf[position] = (byte) v;
    buf[position + 1] = (byte) (v >>> 8);
  }

  /** Overwrites one byte at {@code position}, which must already have been written. */
  public void setByte(int position, int b) {
    checkWritten(position, 1);
    buf[position] = (byte) b;
  }

  private void checkWritten(int position, int width) {
    if (position < 0 || position + width > size) {
      throw new IndexOutOfBoundsException(
          "position " + position + " (+" + width + ") outside the " + size + " written bytes");
    }
  }

  private void ensure(int extra) {
    int needed = size + extra;
    if (needed < 0) {
      throw new CodecException("encoded value larger than 2 GiB");
    }
    if (needed > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }
  }
}
