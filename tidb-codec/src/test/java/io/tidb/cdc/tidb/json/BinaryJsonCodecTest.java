package io.tidb.cdc.tidb.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryJsonCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  private static String encoded(JsonValue v) {
    return HEX.formatHex(BinaryJsonCodec.encode(v).toBytes());
  }

  private static JsonValue decoded(String hex) {
    return BinaryJsonCodec.decode(BinaryJson.fromBytes(HEX.parseHex(hex)));
  }

  private static void check(JsonValue v, String hex) {
    assertThat(encoded(v)).isEqualTo(hex);
    assertThat(decoded(hex)).isEqualTo(v);
  }

  @Test
  void objectMatchesTikvRowVector() {
    // TiKV components/tidb_query_datatype/src/codec/row/v2/encoder_for_test.rs, test_encode:
    // column 15 holds {"key":"value"}.
    String hex =
        "01"
            + "01000000"
            + "1c000000"
            + "13000000"
            + "0300"
            + "0c"
            + "16000000"
            + "6b6579"
            + "0576616c7565";
    check(new JsonValue.ObjectValue(Map.of("key", new JsonValue.StringValue("value"))), hex);
  }

  @Test
  void singleMemberObjectWithInt() {
    // Hand-derived: {"a":2}, one member: key at 19 (8 + 6 + 5), int64 at 20, size 28.
    check(
        new JsonValue.ObjectValue(Map.of("a", new JsonValue.Int64Value(2))),
        "01"
            + "01000000"
            + "1c000000"
            + "13000000"
            + "0100"
            + "09"
            + "14000000"
            + "61"
            + "0200000000000000");
  }

  @Test
  void objectKeysAreSortedByBytes() {
    // Hand-derived from appendBinaryObject: keys "a" < "b" whatever the insertion order; header 8
    // + 2 key entries (12) + 2 value entries (10) puts "a" at 30, "b" at 31, the int at 32.
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("b", new JsonValue.BoolValue(true));
    m.put("a", new JsonValue.Int64Value(2));
    String hex =
        "01"
            + "02000000"
            + "28000000"
            + "1e000000"
            + "0100"
            + "1f000000"
            + "0100"
            + "09"
            + "20000000"
            + "04"
            + "01000000"
            + "61"
            + "62"
            + "0200000000000000";
    assertThat(encoded(new JsonValue.ObjectValue(m))).isEqualTo(hex);
    assertThat(((JsonValue.ObjectValue) decoded(hex)).members().keySet()).containsExactly("a", "b");
  }

  @Test
  void arrayInlinesLiterals() {
    // Hand-derived from appendBinaryArray / appendBinaryValElem.
    JsonValue v =
        new JsonValue.ArrayValue(
            List.of(
                new JsonValue.Int64Value(1),
                new JsonValue.BoolValue(true),
                JsonValue.NullValue.INSTANCE,
                new JsonValue.StringValue("ab")));
    check(
        v,
        "03"
            + "04000000"
            + "27000000"
            + "09"
            + "1c000000"
            + "04"
            + "01000000"
            + "04"
            + "00000000"
            + "0c"
            + "24000000"
            + "0100000000000000"
            + "026162");
  }

  @Test
  void scalars() {
    // Hand-derived: type code, then the little-endian value.
    check(JsonValue.NullValue.INSTANCE, "0400");
    check(new JsonValue.BoolValue(false), "0402");
    check(new JsonValue.Int64Value(-1), "09ffffffffffffffff");
    check(new JsonValue.Uint64Value(-1L), "0affffffffffffffff");
    check(new JsonValue.DoubleValue(3.5), "0b0000000000000c40");
    check(new JsonValue.StringValue("hello, 世界"), "0c0d68656c6c6f2c20e4b896e7958c");
    check(new JsonValue.OpaqueValue(MysqlType.VAR_STRING, new byte[] {1, 2}), "0dfd020102");
  }

  @Test
  void timesUseTidbCoreTimeAndDurationsCarryFsp() {
    // The values of TiKV json/binary.rs test_array_get_elem ("1998-06-13 12:13:14", "12:13:14");
    // bytes hand-derived from TiDB's CoreTime layout and appendBinaryJSON for Duration.
    check(
        new JsonValue.TimeValue(JsonTypeCode.DATETIME, new MysqlTime(1998, 6, 13, 12, 13, 14, 0)),
        "0f" + "0000004ec39a391f");
    check(
        new JsonValue.TimeValue(JsonTypeCode.DATE, MysqlTime.date(1998, 6, 13)),
        "0e" + "00000000009a391f");
    check(
        new JsonValue.DurationValue(43_994_000_000_000L, 0),
        "11" + "0004be2603280000" + "00000000");
  }

  @Test
  void nestedContainersRoundTrip() {
    JsonValue v =
        JsonText.parse(
            "{\"a\": [1, \"2\", {\"aa\": \"bb\"}, 4, null], \"b\": true, \"c\": null,"
                + " \"d\": {\"x\": [[], {}]}}");
    assertThat(BinaryJsonCodec.decode(BinaryJsonCodec.encode(v))).isEqualTo(v);
  }

  @Test
  void corruptValuesFailWithCodecException() {
    assertThatThrownBy(() -> decoded("03" + "05000000" + "08000000"))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> decoded("01" + "01000000" + "ff000000"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("has size 255");
    assertThatThrownBy(() -> decoded("0405")).hasMessageContaining("invalid JSON literal 5");
    assertThatThrownBy(() -> decoded("07")).hasMessageContaining("invalid JSON type code 0x7");
  }
}
