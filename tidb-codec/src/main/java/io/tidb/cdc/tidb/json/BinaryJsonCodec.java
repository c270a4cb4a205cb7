package io.tidb.cdc.tidb.json;

import io.tidb.cdc.tidb.codec.ByteReader;
import io.tidb.cdc.tidb.codec.ByteWriter;
import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.codec.NumberCodec;
import io.tidb.cdc.tidb.types.MysqlTime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TiDB's binary JSON ({@code pkg/types/json_binary.go}, MySQL 5.7's layout without the small
 * forms). Objects and arrays: u32 element count, u32 total size, (objects) key entries of u32
 * offset + u16 length, value entries of type byte + u32 offset (literals inline in the entry), then
 * keys, then values; offsets count from the start of the container. Numbers are 8 bytes, strings a
 * uvarint length plus UTF-8, opaque values a MySQL type byte plus uvarint length plus bytes, times
 * TiDB's CoreTime, durations i64 nanoseconds plus u32 fsp. All little-endian.
 */
public final class BinaryJsonCodec {
  private static final int HEADER = 8;
  private static final int KEY_ENTRY = 6;
  private static final int VALUE_ENTRY = 5;

  private BinaryJsonCodec() {}

  public static BinaryJson encode(JsonValue v) {
    ByteWriter out = new ByteWriter();
    int type = append(out, v);
    return new BinaryJson(type, out.toByteArray());
  }

  /** Appends the value (without its type code) and returns the type code. */
  private static int append(ByteWriter out, JsonValue v) {
    if (v instanceof JsonValue.NullValue) {
      out.write(JsonTypeCode.LITERAL_NULL);
      return JsonTypeCode.LITERAL;
    } else if (v instanceof JsonValue.BoolValue b) {
      out.write(b.value() ? JsonTypeCode.LITERAL_TRUE : JsonTypeCode.LITERAL_FALSE);
      return JsonTypeCode.LITERAL;
    } else if (v instanceof JsonValue.Int64Value i) {
      out.writeLongLittleEndian(i.value());
      return JsonTypeCode.INT64;
    } else if (v instanceof JsonValue.Uint64Value u) {
      out.writeLongLittleEndian(u.value());
      return JsonTypeCode.UINT64;
    } else if (v instanceof JsonValue.DoubleValue d) {
      out.writeLongLittleEndian(Double.doubleToRawLongBits(d.value()));
      return JsonTypeCode.FLOAT64;
    } else if (v instanceof JsonValue.StringValue s) {
      byte[] bytes = s.value().getBytes(StandardCharsets.UTF_8);
      NumberCodec.writeUvarint(out, bytes.length);
      out.write(bytes);
      return JsonTypeCode.STRING;
    } else if (v instanceof JsonValue.OpaqueValue o) {
      out.write(o.mysqlType());
      byte[] data = o.data();
      NumberCodec.writeUvarint(out, data.length);
      out.write(data);
      return JsonTypeCode.OPAQUE;
    } else if (v instanceof JsonValue.TimeValue t) {
      out.writeLongLittleEndian(t.time().toCoreTime());
      return t.typeCode();
    } else if (v instanceof JsonValue.DurationValue d) {
      out.writeLongLittleEndian(d.nanos());
      out.writeIntLittleEndian(d.fsp());
      return JsonTypeCode.DURATION;
    } else if (v instanceof JsonValue.ArrayValue a) {
      appendArray(out, a.elements());
      return JsonTypeCode.ARRAY;
    } else if (v instanceof JsonValue.ObjectValue o) {
      appendObject(out, o.members());
      return JsonTypeCode.OBJECT;
    }
    throw new IllegalArgumentException("unsupported JSON value " + v);
  }

  private static void appendArray(ByteWriter out, List<JsonValue> elements) {
    int doc = out.size();
    out.writeIntLittleEndian(elements.size());
    out.writeZeros(4);
    int entries = out.size();
    out.writeZeros(elements.size() * VALUE_ENTRY);
    for (int i = 0; i < elements.size(); i++) {
      appendElement(out, doc, entries + i * VALUE_ENTRY, elements.get(i));
    }
    out.setIntLittleEndian(doc + 4, out.size() - doc);
  }

  private static void appendObject(ByteWriter out, Map<String, JsonValue> members) {
    List<Map.Entry<byte[], JsonValue>> sorted = new ArrayList<>();
    for (Map.Entry<String, JsonValue> e : members.entrySet()) {
      sorted.add(Map.entry(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue()));
    }
    sorted.sort((x, y) -> Arrays.compareUnsigned(x.getKey(), y.getKey()));
    int n = sorted.size();
    int doc = out.size();
    out.writeIntLittleEndian(n);
    out.writeZeros(4);
    int keyEntries = out.size();
    out.writeZeros(n * KEY_ENTRY);
    int valueEntries = out.size();
    out.writeZeros(n * VALUE_ENTRY);
    for (int i = 0; i < n; i++) {
      byte[] key = sorted.get(i).getKey();
      if (key.length > 0xFFFF) {
        throw new CodecException("JSON object key longer than 65535 bytes");
      }
      out.setIntLittleEndian(keyEntries + i * KEY_ENTRY, out.size() - doc);
      out.setShortLittleEndian(keyEntries + i * KEY_ENTRY + 4, key.length);
      out.write(key);
    }
    for (int i = 0; i < n; i++) {
      appendElement(out, doc, valueEntries + i * VALUE_ENTRY, sorted.get(i).getValue());
    }
    out.setIntLittleEndian(doc + 4, out.size() - doc);
  }

  /** TiDB's {@code appendBinaryValElem}: literals go into the entry, others after it. */
  private static void appendElement(ByteWriter out, int doc, int entry, JsonValue v) {
    int start = out.size();
    if (v instanceof JsonValue.NullValue || v instanceof JsonValue.BoolValue) {
      ByteWriter literal = new ByteWriter(1);
      append(literal, v);
      out.setByte(entry, JsonTypeCode.LITERAL);
      out.setByte(entry + 1, literal.toByteArray()[0]);
      return;
    }
    int type = append(out, v);
    out.setByte(entry, type);
    out.setIntLittleEndian(entry + 1, start - doc);
  }

  public static JsonValue decode(BinaryJson json) {
    byte[] value = json.value();
    try {
      return decode(json.typeCode(), value, 0, value.length);
    } catch (IndexOutOfBoundsException e) {
      throw new CodecException("binary JSON offsets point outside the value", e);
    }
  }

  /** Decodes a value of {@code type} stored at {@code buf[at, end)}. */
  private static JsonValue decode(int type, byte[] buf, int at, int end) {
    ByteReader in = new ByteReader(buf, at, end - at);
    return switch (type) {
      case JsonTypeCode.LITERAL -> literal(in.readUnsignedByte(), at);
      case JsonTypeCode.INT64 -> new JsonValue.Int64Value(in.readLongLittleEndian());
      case JsonTypeCode.UINT64 -> new JsonValue.Uint64Value(in.readLongLittleEndian());
      case JsonTypeCode.FLOAT64 ->
          new JsonValue.DoubleValue(Double.longBitsToDouble(in.readLongLittleEndian()));
      case JsonTypeCode.STRING -> new JsonValue.StringValue(utf8(readSized(in)));
      case JsonTypeCode.OPAQUE -> {
        int mysqlType = in.readUnsignedByte();
        yield new JsonValue.OpaqueValue(mysqlType, readSized(in));
      }
      case JsonTypeCode.DATE, JsonTypeCode.DATETIME, JsonTypeCode.TIMESTAMP ->
          new JsonValue.TimeValue(type, MysqlTime.fromCoreTime(in.readLongLittleEndian()));
      case JsonTypeCode.DURATION -> {
        long nanos = in.readLongLittleEndian();
        yield new JsonValue.DurationValue(nanos, (int) in.readUnsignedIntLittleEndian());
      }
      case JsonTypeCode.ARRAY -> decodeArray(buf, at, end);
      case JsonTypeCode.OBJECT -> decodeObject(buf, at, end);
      default ->
          throw new CodecException(
              "invalid JSON type code 0x" + Integer.toHexString(type) + " at offset " + at);
    };
  }

  private static JsonValue decodeArray(byte[] buf, int doc, int end) {
    ByteReader in = new ByteReader(buf, doc, end - doc);
    int count = count(in, doc);
    int size = containerSize(in, doc, end);
    List<JsonValue> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(element(buf, doc, doc + size, doc + HEADER + i * VALUE_ENTRY));
    }
    return new JsonValue.ArrayValue(out);
  }

  private static JsonValue decodeObject(byte[] buf, int doc, int end) {
    ByteReader in = new ByteReader(buf, doc, end - doc);
    int count = count(in, doc);
    int size = containerSize(in, doc, end);
    int limit = doc + size;
    Map<String, JsonValue> out = new LinkedHashMap<>();
    int valueEntries = doc + HEADER + count * KEY_ENTRY;
    for (int i = 0; i < count; i++) {
      ByteReader entry = new ByteReader(buf, doc + HEADER + i * KEY_ENTRY, KEY_ENTRY);
      int keyOffset = (int) entry.readUnsignedIntLittleEndian();
      int keyLength = entry.readUnsignedShortLittleEndian();
      if (doc + keyOffset + keyLength > limit) {
        throw new CodecException("JSON object key " + i + " at offset " + doc + " overruns it");
      }
      String key = utf8(Arrays.copyOfRange(buf, doc + keyOffset, doc + keyOffset + keyLength));
      out.put(key, element(buf, doc, limit, valueEntries + i * VALUE_ENTRY));
    }
    return new JsonValue.ObjectValue(out);
  }

  private static JsonValue element(byte[] buf, int doc, int limit, int entryAt) {
    ByteReader entry = new ByteReader(buf, entryAt, Math.max(0, limit - entryAt));
    int type = entry.readUnsignedByte();
    if (type == JsonTypeCode.LITERAL) {
      return literal(entry.readUnsignedByte(), entryAt + 1);
    }
    long offset = entry.readUnsignedIntLittleEndian();
    if (offset >= limit - doc) {
      throw new CodecException(
          "JSON value entry at offset " + entryAt + " points outside its container");
    }
    return decode(type, buf, doc + (int) offset, limit);
  }

  private static int count(ByteReader in, int doc) {
    long count = in.readUnsignedIntLittleEndian();
    if (count > Integer.MAX_VALUE / KEY_ENTRY) {
      throw new CodecException(
          "JSON container at offset " + doc + " claims " + count + " elements");
    }
    return (int) count;
  }

  private static int containerSize(ByteReader in, int doc, int end) {
    long size = in.readUnsignedIntLittleEndian();
    if (size < HEADER || size > end - doc) {
      throw new CodecException(
          "JSON container at offset "
              + doc
              + " has size "
              + size
              + ", "
              + (end - doc)
              + " bytes available");
    }
    return (int) size;
  }

  private static byte[] readSized(ByteReader in) {
    long n = NumberCodec.readUvarint(in);
    if (n < 0 || n > in.remaining()) {
      throw new CodecException("JSON string of " + n + " bytes overruns the value");
    }
    return in.readBytes((int) n);
  }

  private static JsonValue literal(int code, int at) {
    return switch (code) {
      case JsonTypeCode.LITERAL_NULL -> JsonValue.NullValue.INSTANCE;
      case JsonTypeCode.LITERAL_TRUE -> new JsonValue.BoolValue(true);
      case JsonTypeCode.LITERAL_FALSE -> new JsonValue.BoolValue(false);
      default -> throw new CodecException("invalid JSON literal " + code + " at offset " + at);
    };
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
