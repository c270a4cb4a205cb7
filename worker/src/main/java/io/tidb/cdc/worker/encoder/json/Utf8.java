package io.tidb.cdc.worker.encoder.json;

/** UTF-8 validation with Go's {@code utf8.DecodeRune} rules. */
final class Utf8 {
  private Utf8() {}

  /**
   * The width (2..4) of the valid multi-byte sequence starting at {@code i}, or 0 when it is not
   * one (Go then takes one byte as U+FFFD): overlong forms, surrogates, values above U+10FFFF,
   * truncated sequences and stray continuation bytes are invalid.
   */
  static int validRuneWidth(byte[] s, int i) {
    int c = s[i] & 0xFF;
    int width;
    int lo = 0x80;
    int hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      width = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      width = 3;
      if (c == 0xE0) {
        lo = 0xA0;
      } else if (c == 0xED) {
        hi = 0x9F;
      }
    } else if (c >= 0xF0 && c <= 0xF4) {
      width = 4;
      if (c == 0xF0) {
        lo = 0x90;
      } else if (c == 0xF4) {
        hi = 0x8F;
      }
    } else {
      return 0;
    }
    if (i + width > s.length) {
      return 0;
    }
    int second = s[i + 1] & 0xFF;
    if (second < lo || second > hi) {
      return 0;
    }
    for (int k = 2; k < width; k++) {
      int b = s[i + k] & 0xFF;
      if (b < 0x80 || b > 0xBF) {
        return 0;
      }
    }
    return width;
  }
}
