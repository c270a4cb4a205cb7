package io.tidb.cdc.worker.encoder.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private static String goString(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return JsonWriter.compact().valueGoString(b).toString();
  }

  @Test
  void compactPlacesCommasAndColons() {
    JsonWriter w = JsonWriter.compact().beginObject();
    w.name("a").value(1L).name("b").beginArray().value("x").nullValue().value(true).endArray();
    w.name("c").beginObject().endObject().endObject();
    assertThat(w.toString()).isEqualTo("{\"a\":1,\"b\":[\"x\",null,true],\"c\":{}}");
  }

  /** The layout of Go's json.MarshalIndent(v, "", " "): empty containers stay on one line. */
  @Test
  void indentedMatchesMarshalIndent() {
    JsonWriter w = JsonWriter.indented("    ").beginObject();
    w.name("a").value(1L).name("b").beginArray().endArray().name("c").beginObject().endObject();
    w.name("d").beginArray().value(1L).beginObject().name("e").value("f").endObject().endArray();
    w.endObject();
    assertThat(w.toString())
        .isEqualTo(
            "{\n    \"a\": 1,\n    \"b\": [],\n    \"c\": {},\n    \"d\": [\n        1,\n"
                + "        {\n            \"e\": \"f\"\n        }\n    ]\n}");
  }

  @Test
  void escapesAsGoDoes() {
    assertThat(JsonWriter.compact().value("q\"b\\n\nr\rt\t<>&\u0000\u001f\u007f").toString())
        .isEqualTo("\"q\\\"b\\\\n\\nr\\rt\\t\\u003c\\u003e\\u0026\\u0000\\u001f\u007f\"");
    assertThat(JsonWriter.compact().value("\u2028\u2029\u00e9\u4e2d\ud83d\ude00").toString())
        .isEqualTo("\"\\u2028\\u2029\u00e9\u4e2d\ud83d\ude00\"");
  }

  /** Go's utf8.DecodeRune: every byte of an invalid sequence becomes one U+FFFD. */
  @Test
  void invalidUtf8BecomesReplacementPerByte() {
    assertThat(goString(0xE2, 0x82)).isEqualTo("\"\\ufffd\\ufffd\""); // truncated
    assertThat(goString(0xC0, 0x80)).isEqualTo("\"\\ufffd\\ufffd\""); // overlong
    assertThat(goString(0xED, 0xA0, 0x80)).isEqualTo("\"\\ufffd\\ufffd\\ufffd\""); // surrogate
    assertThat(goString(0xF4, 0x90, 0x80, 0x80))
        .isEqualTo("\"\\ufffd\\ufffd\\ufffd\\ufffd\""); // > U+10FFFF
    assertThat(goString(0x80, 'a')).isEqualTo("\"\\ufffda\"");
    assertThat(goString(0xE2, 0x82, 0xAC)).isEqualTo("\"\u20ac\""); // valid: kept as is
  }

  @Test
  void latin1ReadsEachByteAsOneCharacter() {
    assertThat(
            JsonWriter.compact()
                .valueLatin1(new byte[] {(byte) 0xE6, 0x01, (byte) 0xFF})
                .toString())
        .isEqualTo("\"\u00e6\\u0001\u00ff\"");
  }

  @Test
  void refusesMisplacedCalls() {
    assertThatThrownBy(() -> JsonWriter.compact().beginObject().value(1L))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginArray().name("a"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginArray().toByteArray())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginObject().endArray())
        .isInstanceOf(IllegalStateException.class);
  }
}
