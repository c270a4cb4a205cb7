package io.tidb.cdc.sim.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tidb.cdc.tidb.json.JsonText;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.FieldType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Column values rendered for people and tools: MySQL's text form (as TiDB stores default values)
 * and the JSON form of ground-truth dumps.
 *
 * <p>Dump JSON: integers, floats and BIT as numbers, DECIMAL as a string with its scale, text as
 * strings, binary strings as base64, date/time types in MySQL's text form, ENUM/SET by name, JSON
 * columns as embedded JSON, NULL as null.
 */
public final class ValueText {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ValueText() {}

  /** MySQL's text form of a value, or null for NULL. */
  public static String text(ColumnValue v) {
    if (v instanceof ColumnValue.Null) {
      return null;
    } else if (v instanceof ColumnValue.Int i) {
      return Long.toString(i.value());
    } else if (v instanceof ColumnValue.Uint u) {
      return Long.toUnsignedString(u.value());
    } else if (v instanceof ColumnValue.Float32 f) {
      return plain(new BigDecimal(Float.toString(f.value())));
    } else if (v instanceof ColumnValue.Float64 f) {
      return plain(new BigDecimal(Double.toString(f.value())));
    } else if (v instanceof ColumnValue.Decimal d) {
      return d.value().setScale(d.frac(), java.math.RoundingMode.HALF_UP).toPlainString();
    } else if (v instanceof ColumnValue.Bytes b) {
      return b.asUtf8();
    } else if (v instanceof ColumnValue.Time t) {
      return t.format();
    } else if (v instanceof ColumnValue.Duration d) {
      return d.format();
    } else if (v instanceof ColumnValue.Enum e) {
      return e.name();
    } else if (v instanceof ColumnValue.Set s) {
      return s.names();
    } else if (v instanceof ColumnValue.Bit b) {
      return Long.toUnsignedString(b.value());
    } else if (v instanceof ColumnValue.Json j) {
      return JsonText.format(j.value());
    }
    throw new IllegalArgumentException("cannot print " + v);
  }

  private static String plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
  }

  /** The dump JSON of a value of a column of type {@code type}. */
  public static JsonNode json(ColumnValue v, FieldType type) {
    if (v instanceof ColumnValue.Null) {
      return NODES.nullNode();
    } else if (v instanceof ColumnValue.Int i) {
      return NODES.numberNode(i.value());
    } else if (v instanceof ColumnValue.Uint u) {
      return u.value() >= 0
          ? NODES.numberNode(u.value())
          : NODES.numberNode(new BigInteger(Long.toUnsignedString(u.value())));
    } else if (v instanceof ColumnValue.Float32 f) {
      return NODES.numberNode(f.value());
    } else if (v instanceof ColumnValue.Float64 f) {
      return NODES.numberNode(f.value());
    } else if (v instanceof ColumnValue.Bit b) {
      return NODES.numberNode(new BigInteger(Long.toUnsignedString(b.value())));
    } else if (v instanceof ColumnValue.Bytes b) {
      return Strings.isBinary(type)
          ? NODES.textNode(Base64.getEncoder().encodeToString(b.value()))
          : NODES.textNode(new String(b.value(), StandardCharsets.UTF_8));
    } else if (v instanceof ColumnValue.Json j) {
      try {
        return MAPPER.readTree(JsonText.format(j.value()));
      } catch (IOException e) {
        throw new IllegalStateException("stored JSON does not parse back: " + e.getMessage(), e);
      }
    }
    return NODES.textNode(text(v));
  }
}
