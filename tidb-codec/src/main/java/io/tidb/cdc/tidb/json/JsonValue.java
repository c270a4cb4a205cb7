package io.tidb.cdc.tidb.json;

import io.tidb.cdc.tidb.types.MysqlTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value with TiDB's distinctions: signed, unsigned and floating numbers are different kinds,
 * and besides the JSON kinds there are opaque MySQL values, dates/times and durations. {@link
 * BinaryJsonCodec} converts to and from the binary form, {@link JsonText} to and from text.
 */
public sealed interface JsonValue {

  /** Members in insertion order; the binary form sorts keys by their UTF-8 bytes, as TiDB does. */
  record ObjectValue(Map<String, JsonValue> members) implements JsonValue {
    public ObjectValue {
      members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }
  }

  record ArrayValue(List<JsonValue> elements) implements JsonValue {
    public ArrayValue {
      elements = List.copyOf(elements);
    }
  }

  record StringValue(String value) implements JsonValue {}

  record Int64Value(long value) implements JsonValue {}

  /** An unsigned 64-bit number held in a long. */
  record Uint64Value(long value) implements JsonValue {
    @Override
    public String toString() {
      return "Uint64Value[" + Long.toUnsignedString(value) + "]";
    }
  }

  record DoubleValue(double value) implements JsonValue {}

  record BoolValue(boolean value) implements JsonValue {}

  record NullValue() implements JsonValue {
    public static final NullValue INSTANCE = new NullValue();
  }

  /** A MySQL value without a JSON equivalent: the MySQL type code and raw bytes. */
  record OpaqueValue(int mysqlType, byte[] data) implements JsonValue {
    public OpaqueValue {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof OpaqueValue v && v.mysqlType == mysqlType && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
      return 31 * mysqlType + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "OpaqueValue[" + mysqlType + ", " + HexFormat.of().formatHex(data) + "]";
    }
  }

  /**
   * A DATE, DATETIME or TIMESTAMP; {@code typeCode} is {@link JsonTypeCode#DATE}, {@link
   * JsonTypeCode#DATETIME} or {@link JsonTypeCode#TIMESTAMP}.
   */
  record TimeValue(int typeCode, MysqlTime time) implements JsonValue {
    public TimeValue {
      if (typeCode != JsonTypeCode.DATE
          && typeCode != JsonTypeCode.DATETIME
          && typeCode != JsonTypeCode.TIMESTAMP) {
        throw new IllegalArgumentException("JSON type code " + typeCode + " is not a time type");
      }
    }
  }

  /** A TIME: signed nanoseconds and fractional-seconds precision. */
  record DurationValue(long nanos, int fsp) implements JsonValue {}
}
