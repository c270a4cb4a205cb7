package io.tidb.cdc.worker.encoder.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A streaming JSON writer with Go's escaping ({@code encoding/json}, goccy/go-json and easyjson
 * agree: backslash escapes for quote, backslash, newline, return and tab; {@code u00XX} escapes for
 * other control characters and for {@code < > &}; {@code ufffd} for each byte of invalid UTF-8;
 * {@code u2028} and {@code u2029} for the two JavaScript line separators). Compact, or indented
 * like {@code json.MarshalIndent(v, "", indent)}. Commas and colons are placed automatically. Not
 * thread-safe.
 */
public final class JsonWriter {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private final byte[] indent;
  private byte[] buf = new byte[256];
  private int size;
  // One entry per open container: element count, and whether it is an object.
  private int[] counts = new int[16];
  private boolean[] objects = new boolean[16];
  private int depth;
  private boolean afterName;

  private JsonWriter(byte[] indent) {
    this.indent = indent;
  }

  public static JsonWriter compact() {
    return new JsonWriter(null);
  }

  /** Go's {@code json.MarshalIndent} layout with an empty prefix. */
  public static JsonWriter indented(String indent) {
    return new JsonWriter(indent.getBytes(StandardCharsets.US_ASCII));
  }

  public JsonWriter beginObject() {
    beforeValue();
    put((byte) '{');
    push(true);
    return this;
  }

  public JsonWriter endObject() {
    return close((byte) '}', true);
  }

  public JsonWriter beginArray() {
    beforeValue();
    put((byte) '[');
    push(false);
    return this;
  }

  public JsonWriter endArray() {
    return close((byte) ']', false);
  }

  /** A member name; the next call writes its value. */
  public JsonWriter name(String name) {
    if (depth == 0 || !objects[depth - 1] || afterName) {
      throw new IllegalStateException("a name belongs directly inside an object");
    }
    if (counts[depth - 1]++ > 0) {
      put((byte) ',');
    }
    newlineAndIndent();
    writeEscaped(name.getBytes(StandardCharsets.UTF_8));
    put((byte) ':');
    if (indent != null) {
      put((byte) ' ');
    }
    afterName = true;
    return this;
  }

  /** A string value, or null. */
  public JsonWriter value(String s) {
    if (s == null) {
      return nullValue();
    }
    beforeValue();
    writeEscaped(s.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** A Go string given as its bytes (normally UTF-8; invalid sequences become U+FFFD). */
  public JsonWriter valueGoString(byte[] goString) {
    beforeValue();
    writeEscaped(goString);
    return this;
  }

  /** Bytes read as ISO-8859-1 (one char per byte), as TiCDC writes binary values. */
  public JsonWriter valueLatin1(byte[] bytes) {
    beforeValue();
    writeEscaped(new String(bytes, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public JsonWriter value(long v) {
    return rawValue(Long.toString(v));
  }

  public JsonWriter valueUnsigned(long v) {
    return rawValue(Long.toUnsignedString(v));
  }

  public JsonWriter value(boolean v) {
    return rawValue(v ? "true" : "false");
  }

  public JsonWriter nullValue() {
    beforeValue();
    put(NULL, 0, NULL.length);
    return this;
  }

  /** A value written as given: a number or literal already in JSON form. */
  public JsonWriter rawValue(String json) {
    beforeValue();
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    put(b, 0, b.length);
    return this;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " JSON container(s) still open");
    }
    return Arrays.copyOf(buf, size);
  }

  @Override
  public String toString() {
    return new String(buf, 0, size, StandardCharsets.UTF_8);
  }

  private void beforeValue() {
    if (depth == 0) {
      if (size > 0) {
        throw new IllegalStateException("one top-level value only");
      }
      return;
    }
    if (objects[depth - 1]) {
      if (!afterName) {
        throw new IllegalStateException("a value inside an object needs a name first");
      }
      afterName = false;
      return;
    }
    if (counts[depth - 1]++ > 0) {
      put((byte) ',');
    }
    newlineAndIndent();
  }

  private void push(boolean object) {
    if (depth == counts.length) {
      counts = Arrays.copyOf(counts, depth * 2);
      objects = Arrays.copyOf(objects, depth * 2);
    }
    counts[depth] = 0;
    objects[depth] = object;
    depth++;
  }

  private JsonWriter close(byte closer, boolean object) {
    if (depth == 0 || objects[depth - 1] != object || afterName) {
      throw new IllegalStateException("no open " + (object ? "object" : "array") + " to close");
    }
    depth--;
    if (counts[depth] > 0) {
      newlineAndIndent();
    }
    put(closer);
    return this;
  }

  private void newlineAndIndent() {
    if (indent == null) {
      return;
    }
    put((byte) '\n');
    for (int i = 0; i < depth; i++) {
      put(indent, 0, indent.length);
    }
  }

  private void writeEscaped(byte[] s) {
    put((byte) '"');
    int start = 0;
    int i = 0;
    while (i < s.length) {
      int c = s[i] & 0xFF;
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
          i++;
          continue;
        }
        put(s, start, i - start);
        switch (c) {
          case '"', '\\' -> put2('\\', c);
          case '\n' -> put2('\\', 'n');
          case '\r' -> put2('\\', 'r');
          case '\t' -> put2('\\', 't');
          default -> putUnicodeEscape(c);
        }
        start = ++i;
        continue;
      }
      int width = Utf8.validRuneWidth(s, i);
      if (width == 0) {
        put(s, start, i - start);
        putUnicodeEscape(0xFFFD);
        start = ++i;
        continue;
      }
      if (width == 3
          && c == 0xE2
          && (s[i + 1] & 0xFF) == 0x80
          && ((s[i + 2] & 0xFF) == 0xA8 || (s[i + 2] & 0xFF) == 0xA9)) {
        put(s, start, i - start);
        putUnicodeEscape((s[i + 2] & 0xFF) == 0xA8 ? 0x2028 : 0x2029);
        i += 3;
        start = i;
        continue;
      }
      i += width;
    }
    put(s, start, s.length - start);
    put((byte) '"');
  }

  private void putUnicodeEscape(int cp) {
    put2('\\', 'u');
    put(HEX[(cp >> 12) & 0xF]);
    put(HEX[(cp >> 8) & 0xF]);
    put(HEX[(cp >> 4) & 0xF]);
    put(HEX[cp & 0xF]);
  }

  private void put2(int a, int b) {
    put((byte) a);
    put((byte) b);
  }

  private void put(byte b) {
    if (size == buf.length) {
      buf = Arrays.copyOf(buf, size * 2);
    }
    buf[size++] = b;
  }

  private void put(byte[] b, int off, int len) {
    if (size + len > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
    }
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }
}
