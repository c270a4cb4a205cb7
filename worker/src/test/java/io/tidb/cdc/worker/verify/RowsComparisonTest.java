package io.tidb.cdc.worker.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowsComparisonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode up(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static Map<String, String> down(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void equalTablesAreConsistentAcrossValueForms() throws Exception {
    List<JsonNode> upstream =
        List.of(
            up(
                "{\"id\":1,\"f\":1.5,\"d\":\"12.30\",\"b\":\"AP8=\",\"j\":{\"a\":[1,2]},\"n\":null}"),
            up(
                "{\"id\":18446744073709551615,\"f\":0.1,\"d\":\"0.00\",\"b\":\"\",\"j\":[],\"n\":\"x\"}"));
    List<Map<String, String>> downstream =
        List.of(
            down(
                "id",
                "1",
                "f",
                "1.5",
                "d",
                "12.30",
                "b",
                "\u0000\u00ff",
                "j",
                "{\"a\": [1, 2]}",
                "n",
                null),
            down(
                "id",
                "18446744073709551615",
                "f",
                "0.10000000000000001",
                "d",
                "0.00",
                "b",
                "",
                "j",
                "[]",
                "n",
                "x"));
    TableVerdict v = RowsComparison.compare("db.t", List.of("id"), upstream, downstream);
    assertThat(v.consistent()).as(v.toString()).isTrue();
    assertThat(v.toString()).isEqualTo("db.t: OK upstream 2 rows, downstream 2");
  }

  @Test
  void reportsMissingExtraAndDifferentRows() throws Exception {
    List<JsonNode> upstream =
        List.of(
            up("{\"id\":1,\"v\":\"a\"}"),
            up("{\"id\":2,\"v\":\"b\"}"),
            up("{\"id\":3,\"v\":\"c\"}"));
    List<Map<String, String>> downstream =
        new ArrayList<>(
            List.of(
                down("id", "1", "v", "a"), down("id", "2", "v", "B"), down("id", "9", "v", "z")));
    TableVerdict v = RowsComparison.compare("db.t", List.of("id"), upstream, downstream);
    assertThat(v.consistent()).isFalse();
    assertThat(v.missing()).isEqualTo(1);
    assertThat(v.extra()).isEqualTo(1);
    assertThat(v.different()).isEqualTo(1);
    assertThat(v.examples())
        .containsExactly(
            "key [2] column v: upstream \"b\", downstream B", "missing [3]", "extra [9]");
  }

  @Test
  void aNullIsNotAnEmptyStringAndColumnsMustMatch() throws Exception {
    assertThat(RowsComparison.same(up("null"), "")).isFalse();
    assertThat(RowsComparison.same(up("\"\""), null)).isFalse();
    assertThat(RowsComparison.same(up("7"), "7.0")).isTrue();
    assertThat(RowsComparison.same(up("7"), "seven")).isFalse();
    assertThat(RowsComparison.firstDifference(up("{\"id\":1}"), down("id", "1", "x", "2")))
        .isEqualTo("column x exists only downstream");
    assertThat(RowsComparison.firstDifference(up("{\"id\":1,\"x\":2}"), down("id", "1")))
        .isEqualTo("column x is missing downstream");
  }
}
