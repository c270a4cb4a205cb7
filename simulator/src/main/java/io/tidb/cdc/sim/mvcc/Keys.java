package io.tidb.cdc.sim.mvcc;

import com.google.protobuf.ByteString;
import java.util.Comparator;

/** Key ordering and printing shared by the simulator. */
public final class Keys {
  /**
   * TiKV orders keys as unsigned bytes; memcomparable encoding keeps that order. (Protobuf's own
   * unsignedLexicographicalComparator walks byte iterators and dominated the write path.)
   */
  public static final Comparator<ByteString> ORDER = Keys::compare;

  private static final int MAX_PRINTED = 64;

  private Keys() {}

  /** Compares two keys as unsigned byte strings. */
  public static int compare(ByteString a, ByteString b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int x = a.byteAt(i) & 0xFF;
      int y = b.byteAt(i) & 0xFF;
      if (x != y) {
        return x - y;
      }
    }
    return a.size() - b.size();
  }

  /** True if {@code key} is in {@code [start, end)}, an empty {@code end} meaning unbounded. */
  public static boolean inRange(ByteString key, ByteString start, ByteString end) {
    return ORDER.compare(key, start) >= 0 && (end.isEmpty() || ORDER.compare(key, end) < 0);
  }

  /** A readable form of a key for messages: printable ASCII as is, other bytes as \xNN. */
  public static String describe(ByteString key) {
    StringBuilder sb = new StringBuilder("\"");
    int n = Math.min(key.size(), MAX_PRINTED);
    for (int i = 0; i < n; i++) {
      int b = key.byteAt(i) & 0xFF;
      if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
        sb.append((char) b);
      } else {
        sb.append(String.format("\\x%02X", b));
      }
    }
    if (key.size() > n) {
      sb.append("...");
    }
    return sb.append('"').toString();
  }
}
