package io.tidb.cdc.tidb.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.types.MysqlTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void printsLikeTidb() {
    // TiDB pkg/types/json_binary_test.go, TestBinaryJSONMarshalUnmarshal: parse, then String().
    List<String> expected =
        List.of(
            "{\"a\": [1, \"2\", {\"aa\": \"bb\"}, 4, null], \"b\": true, \"c\": null}",
            "{\"aaaaaaaaaaa\": [1, \"2\", {\"aa\": \"bb\"}, 4.1], \"bbbbbbbbbb\": true, \"ccccccccc\": \"d\"}",
            "[{\"a\": 1, \"b\": true}, 3, 3.5, \"hello, world\", null, true]",
            "{\"a\": \"&<>\"}");
    for (String s : expected) {
      assertThat(JsonText.format(BinaryJsonCodec.encode(JsonText.parse(s)))).isEqualTo(s);
    }
  }

  @Test
  void numbersTakeTidbKinds() {
    // TiKV json/binary.rs test_type (same rules as TiDB's appendBinaryNumber).
    assertThat(JsonText.parse("-3")).isEqualTo(new JsonValue.Int64Value(-3));
    assertThat(JsonText.parse("3")).isEqualTo(new JsonValue.Int64Value(3));
    assertThat(JsonText.parse("18446744073709551615")).isEqualTo(new JsonValue.Uint64Value(-1L));
    assertThat(JsonText.parse("18446744073709551616"))
        .isEqualTo(new JsonValue.DoubleValue(18446744073709551616.0));
    assertThat(JsonText.parse("3.0")).isEqualTo(new JsonValue.DoubleValue(3.0));
    assertThat(JsonText.parse("null")).isEqualTo(JsonValue.NullValue.INSTANCE);
    assertThat(JsonText.parse("true")).isEqualTo(new JsonValue.BoolValue(true));
  }

  @Test
  void doublesFollowTidbNotation() {
    // Hand-derived from TiDB marshalFloat64To: 'e' notation below 1e-15 and from 1e15.
    assertThat(JsonText.formatDouble(4.0)).isEqualTo("4.0");
    assertThat(JsonText.formatDouble(0.1)).isEqualTo("0.1");
    assertThat(JsonText.formatDouble(-0.0)).isEqualTo("-0.0");
    assertThat(JsonText.formatDouble(1e15)).isEqualTo("1e15");
    assertThat(JsonText.formatDouble(123456789012345678.0)).isEqualTo("1.2345678901234568e17");
    assertThat(JsonText.formatDouble(-2.5e-20)).isEqualTo("-2.5e-20");
    assertThat(JsonText.formatDouble(99999999999999.9)).isEqualTo("99999999999999.9");
  }

  @Test
  void escapesLikeGoWithoutHtmlEscaping() {
    StringBuilder sb = new StringBuilder();
    JsonText.quote(sb, "a\"b\\c\n\t\u0001\u2028<>&");
    assertThat(sb).hasToString("\"a\\\"b\\\\c\\n\\t\\u0001\\u2028<>&\"");
  }

  @Test
  void mysqlValuesPrintAsQuotedText() {
    // TiDB jsonMarshalTimeTo / jsonMarshalDurationTo print 6 fraction digits; opaque values
    // print as base64:type<code>:<data>.
    assertThat(
            JsonText.format(
                new JsonValue.TimeValue(
                    JsonTypeCode.DATETIME, new MysqlTime(1998, 6, 13, 12, 13, 14, 0))))
        .isEqualTo("\"1998-06-13 12:13:14.000000\"");
    assertThat(
            JsonText.format(
                new JsonValue.TimeValue(JsonTypeCode.DATE, MysqlTime.date(1998, 6, 13))))
        .isEqualTo("\"1998-06-13\"");
    assertThat(JsonText.format(new JsonValue.DurationValue(-43_994_500_000_000L, 0)))
        .isEqualTo("\"-12:13:14.500000\"");
    assertThat(JsonText.format(new JsonValue.OpaqueValue(253, new byte[] {1, 2, 3})))
        .isEqualTo("\"base64:type253:AQID\"");
  }

  @Test
  void rejectsTrailingContentAndEmptyInput() {
    assertThatThrownBy(() -> JsonText.parse("1 2"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("must not be followed");
    assertThatThrownBy(() -> JsonText.parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> JsonText.parse("{\"a\":")).isInstanceOf(CodecException.class);
  }
}
