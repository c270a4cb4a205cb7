package io.tidb.cdc.tidb.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.types.MysqlDurations;
import io.tidb.cdc.tidb.types.MysqlTime;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text as TiDB reads and prints it ({@code ParseBinaryJSONFromString}, {@code
 * BinaryJSON.String}). Printing uses {@code ", "} and {@code ": "} separators; numbers parse as
 * int64 when they fit, else uint64, else double.
 */
public final class JsonText {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  public static String format(JsonValue v) {
    StringBuilder sb = new StringBuilder();
    append(sb, v);
    return sb.toString();
  }

  public static String format(BinaryJson json) {
    return format(BinaryJsonCodec.decode(json));
  }

  public static JsonValue parse(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new CodecException("invalid JSON text: the document is empty");
      }
      JsonValue v = read(p, first);
      if (p.nextToken() != null) {
        throw new CodecException(
            "invalid JSON text: the document root must not be followed by other values");
      }
      return v;
    } catch (IOException e) {
      throw new CodecException("invalid JSON text: " + e.getMessage(), e);
    }
  }

  private static JsonValue read(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          members.put(name, read(p, p.nextToken()));
        }
        yield new JsonValue.ObjectValue(members);
      }
      case START_ARRAY -> {
        List<JsonValue> elements = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          elements.add(read(p, e));
        }
        yield new JsonValue.ArrayValue(elements);
      }
      case VALUE_STRING -> new JsonValue.StringValue(p.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(p.getText());
      case VALUE_TRUE -> new JsonValue.BoolValue(true);
      case VALUE_FALSE -> new JsonValue.BoolValue(false);
      case VALUE_NULL -> JsonValue.NullValue.INSTANCE;
      default -> throw new CodecException("unexpected JSON token " + t);
    };
  }

  /** TiDB's {@code appendBinaryNumber}: int64, then uint64, then float64. */
  private static JsonValue number(String text) {
    try {
      return new JsonValue.Int64Value(Long.parseLong(text));
    } catch (NumberFormatException notInt) {
      try {
        return new JsonValue.Uint64Value(Long.parseUnsignedLong(text));
      } catch (NumberFormatException notUint) {
        return new JsonValue.DoubleValue(Double.parseDouble(text));
      }
    }
  }

  private static void append(StringBuilder sb, JsonValue v) {
    if (v instanceof JsonValue.ObjectValue o) {
      sb.append('{');
      String sep = "";
      for (Map.Entry<String, JsonValue> e : sortedMembers(o).entrySet()) {
        sb.append(sep);
        quote(sb, e.getKey());
        sb.append(": ");
        append(sb, e.getValue());
        sep = ", ";
      }
      sb.append('}');
    } else if (v instanceof JsonValue.ArrayValue a) {
      sb.append('[');
      String sep = "";
      for (JsonValue e : a.elements()) {
        sb.append(sep);
        append(sb, e);
        sep = ", ";
      }
      sb.append(']');
    } else if (v instanceof JsonValue.StringValue s) {
      quote(sb, s.value());
    } else if (v instanceof JsonValue.Int64Value i) {
      sb.append(i.value());
    } else if (v instanceof JsonValue.Uint64Value u) {
      sb.append(Long.toUnsignedString(u.value()));
    } else if (v instanceof JsonValue.DoubleValue d) {
      sb.append(formatDouble(d.value()));
    } else if (v instanceof JsonValue.BoolValue b) {
      sb.append(b.value());
    } else if (v instanceof JsonValue.NullValue) {
      sb.append("null");
    } else if (v instanceof JsonValue.OpaqueValue o) {
      sb.append("\"base64:type").append(o.mysqlType()).append(':');
      sb.append(Base64.getEncoder().encodeToString(o.data())).append('"');
    } else if (v instanceof JsonValue.TimeValue t) {
      MysqlTime time = t.time();
      quote(sb, t.typeCode() == JsonTypeCode.DATE ? time.formatDate() : time.format(6));
    } else if (v instanceof JsonValue.DurationValue d) {
      quote(sb, MysqlDurations.format(d.nanos(), 6));
    }
  }

  /** Objects print in key order (the binary form's order). */
  private static Map<String, JsonValue> sortedMembers(JsonValue.ObjectValue o) {
    JsonValue.ObjectValue canonical =
        (JsonValue.ObjectValue) BinaryJsonCodec.decode(BinaryJsonCodec.encode(o));
    return canonical.members();
  }

  /**
   * TiDB's {@code marshalFloat64To}: shortest digits, plain notation unless {@code |f| < 1e-15} or
   * {@code >= 1e15}, and at least one fraction digit in plain notation.
   */
  static String formatDouble(double f) {
    if (Double.isNaN(f) || Double.isInfinite(f)) {
      throw new CodecException("JSON cannot hold " + f);
    }
    double abs = Math.abs(f);
    BigDecimal shortest = new BigDecimal(Double.toString(f)).stripTrailingZeros();
    if (abs != 0 && (abs < 1e-15 || abs >= 1e15)) {
      String digits = shortest.unscaledValue().abs().toString();
      int exponent = digits.length() - 1 - shortest.scale();
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return (f < 0 ? "-" : "") + mantissa + "e" + exponent;
    }
    String plain = shortest.toPlainString();
    if (f == 0 && 1 / f < 0) {
      plain = "-0";
    }
    return plain.contains(".") ? plain : plain + ".0";
  }

  /** TiDB's {@code jsonMarshalStringTo}: Go's JSON escaping without HTML escapes. */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '"' -> sb.append('\\').append(c);
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\u2028', '\u2029' -> sb.append("\\u202").append(HEX[c & 0xF]);
        default -> {
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
