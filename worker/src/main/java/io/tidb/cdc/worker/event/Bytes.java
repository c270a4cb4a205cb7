package io.tidb.cdc.worker.event;

import com.google.protobuf.ByteString;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string ordered the way TiKV orders keys: unsigned lexicographic, a prefix
 * before its extensions. Holds its own copy of the bytes; nothing outside can change them.
 */
public final class Bytes implements Comparable<Bytes> {
  /** The empty byte string: the smallest key, and "unbounded" when used as a span's end. */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private static final int TO_STRING_LIMIT = 64;

  private final byte[] bytes;
  private int hash;

  private Bytes(byte[] owned) {
    this.bytes = owned;
  }

  /** A copy of {@code bytes}. */
  public static Bytes copyOf(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** The bytes of a protobuf {@link ByteString} (copied once). */
  public static Bytes of(ByteString bytes) {
    return bytes.isEmpty() ? EMPTY : new Bytes(bytes.toByteArray());
  }

  /** Reads exactly {@code length} bytes from {@code in}. */
  public static Bytes readFrom(DataInput in, int length) throws IOException {
    if (length == 0) {
      return EMPTY;
    }
    byte[] owned = new byte[length];
    in.readFully(owned);
    return new Bytes(owned);
  }

  /** Parses lower- or upper-case hex, e.g. {@code "7480"}. */
  public static Bytes fromHex(String hex) {
    return copyOfOwned(HexFormat.of().parseHex(hex));
  }

  private static Bytes copyOfOwned(byte[] owned) {
    return owned.length == 0 ? EMPTY : new Bytes(owned);
  }

  public int length() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  public byte byteAt(int index) {
    return bytes[index];
  }

  /** A fresh copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  public ByteString toByteString() {
    return ByteString.copyFrom(bytes);
  }

  /** Writes the raw bytes (no length prefix). */
  public void writeTo(DataOutput out) throws IOException {
    out.write(bytes);
  }

  @Override
  public int compareTo(Bytes other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0 && bytes.length > 0) {
      h = Arrays.hashCode(bytes);
      hash = h;
    }
    return h;
  }

  /** Hex, truncated after 64 bytes so a huge value cannot flood a log line. */
  @Override
  public String toString() {
    if (bytes.length <= TO_STRING_LIMIT) {
      return HexFormat.of().formatHex(bytes);
    }
    return HexFormat.of().formatHex(bytes, 0, TO_STRING_LIMIT) + "...(" + bytes.length + " bytes)";
  }
}
