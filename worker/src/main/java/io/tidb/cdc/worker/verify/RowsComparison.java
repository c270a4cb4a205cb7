package io.tidb.cdc.worker.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a table's downstream rows (column name to canal-json text, null for NULL) with its
 * upstream rows (column name to typed JSON: numbers, strings, base64 for binary strings, embedded
 * JSON), matching rows by their key columns. Values are equal when they denote the same value:
 * numbers numerically (floats to 1e-6 relative), binary strings byte for byte (canal-json carries
 * them as ISO-8859-1 text), JSON documents as trees. Pure.
 */
public final class RowsComparison {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXAMPLES = 3;

  private RowsComparison() {}

  public static TableVerdict compare(
      String table,
      List<String> keyColumns,
      List<? extends JsonNode> upstream,
      Iterable<Map<String, String>> downstream) {
    Map<List<String>, Map<String, String>> down = new HashMap<>();
    long downRows = 0;
    for (Map<String, String> row : downstream) {
      downRows++;
      List<String> key = new ArrayList<>();
      for (String c : keyColumns) {
        key.add(row.get(c));
      }
      down.put(key, row);
    }
    long missing = 0;
    long different = 0;
    List<String> examples = new ArrayList<>();
    for (JsonNode up : upstream) {
      List<String> key = new ArrayList<>();
      for (String c : keyColumns) {
        key.add(keyText(up.get(c)));
      }
      Map<String, String> d = down.remove(key);
      if (d == null) {
        missing++;
        example(examples, "missing " + key);
        continue;
      }
      String diff = firstDifference(up, d);
      if (diff != null) {
        different++;
        example(examples, "key " + key + " " + diff);
      }
    }
    for (List<String> key : down.keySet()) {
      example(examples, "extra " + key);
    }
    return new TableVerdict(
        table, upstream.size(), downRows, missing, down.size(), different, examples);
  }

  private static void example(List<String> examples, String e) {
    if (examples.size() < EXAMPLES) {
      examples.add(e);
    }
  }

  /** The first column whose values differ, described; null when the rows are equal. */
  static String firstDifference(JsonNode up, Map<String, String> down) {
    for (Map.Entry<String, JsonNode> c : up.properties()) {
      if (!down.containsKey(c.getKey())) {
        return "column " + c.getKey() + " is missing downstream";
      }
      String d = down.get(c.getKey());
      if (!same(c.getValue(), d)) {
        return "column " + c.getKey() + ": upstream " + c.getValue() + ", downstream " + d;
      }
    }
    for (String c : down.keySet()) {
      if (!up.has(c)) {
        return "column " + c + " exists only downstream";
      }
    }
    return null;
  }

  /** Whether a downstream text value denotes the upstream value. */
  static boolean same(JsonNode up, String down) {
    if (up == null || up.isNull()) {
      return down == null;
    }
    if (down == null) {
      return false;
    }
    if (up.isNumber()) {
      return sameNumber(up, down);
    }
    if (up.isTextual()) {
      return up.asText().equals(down) || sameBytes(up.asText(), down);
    }
    if (up.isContainerNode()) {
      try {
        return up.equals(JSON.readTree(down));
      } catch (IOException e) {
        return false;
      }
    }
    return up.asText().equals(down);
  }

  private static boolean sameNumber(JsonNode up, String down) {
    BigDecimal d;
    try {
      d = new BigDecimal(down.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    if (up.isFloatingPointNumber()) {
      double a = up.doubleValue();
      double b = d.doubleValue();
      return a == b || Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
    }
    return up.decimalValue().compareTo(d) == 0;
  }

  /** A base64 upstream value and a canal-json ISO-8859-1 downstream value of the same bytes. */
  private static boolean sameBytes(String base64, String latin1) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      return new String(bytes, StandardCharsets.ISO_8859_1).equals(latin1);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A key value as canal-json would print it. */
  static String keyText(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.isFloatingPointNumber() ? v.asText() : v.bigIntegerValue().toString();
    }
    return v.asText();
  }
}
