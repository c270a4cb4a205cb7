package io.tidb.cdc.tidb.key;

import io.tidb.cdc.tidb.codec.MemComparable;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A half-open key range {@code [start, end)}. An empty start means minus infinity, an empty end
 * plus infinity, as in TiKV.
 *
 * <p>TiDB writes raw keys ({@code t..._r...}); TiKV stores region boundaries and PD reports them in
 * memcomparable form ({@code EncodeBytes} of the raw key). {@link #toComparable()} converts a raw
 * span into the form to compare against region boundaries; {@link #toRaw()} goes back.
 */
public record KeySpan(byte[] start, byte[] end) {
  public KeySpan {
    start = start.clone();
    end = end.clone();
    if (start.length > 0 && end.length > 0 && Arrays.compareUnsigned(start, end) > 0) {
      throw new IllegalArgumentException(
          "span start " + hex(start) + " is after its end " + hex(end));
    }
  }

  /** The whole key space. */
  public static KeySpan all() {
    return new KeySpan(new byte[0], new byte[0]);
  }

  @Override
  public byte[] start() {
    return start.clone();
  }

  @Override
  public byte[] end() {
    return end.clone();
  }

  /** Whether {@code key} lies in {@code [start, end)}, comparing bytes unsigned. */
  public boolean contains(byte[] key) {
    return Arrays.compareUnsigned(key, start) >= 0
        && (end.length == 0 || Arrays.compareUnsigned(key, end) < 0);
  }

  /** Each non-empty boundary encoded with {@code EncodeBytes}; empty boundaries stay empty. */
  public KeySpan toComparable() {
    return new KeySpan(encode(start), encode(end));
  }

  /** The inverse of {@link #toComparable()}. */
  public KeySpan toRaw() {
    return new KeySpan(decode(start), decode(end));
  }

  private static byte[] encode(byte[] raw) {
    return raw.length == 0 ? raw : MemComparable.encodeBytes(raw);
  }

  private static byte[] decode(byte[] encoded) {
    return encoded.length == 0 ? encoded : MemComparable.decodeBytes(encoded);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeySpan s && Arrays.equals(s.start, start) && Arrays.equals(s.end, end);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(start) + Arrays.hashCode(end);
  }

  @Override
  public String toString() {
    return "[" + hex(start) + ", " + hex(end) + ")";
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
