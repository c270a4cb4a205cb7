package io.tidb.cdc.tidb.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatumCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keyFormOfEachKind() {
    // Hand-derived from TiDB util/codec/codec.go encode() with comparable = true.
    assertThat(HEX.formatHex(DatumCodec.encodeKey(new Datum.Int(1))))
        .isEqualTo("03" + "8000000000000001");
    assertThat(HEX.formatHex(DatumCodec.encodeKey(new Datum.Uint(-1L))))
        .isEqualTo("04" + "ffffffffffffffff");
    assertThat(HEX.formatHex(DatumCodec.encodeKey(new Datum.Bytes(utf8("abc")))))
        .isEqualTo("01" + "61626300000000" + "00fa");
    assertThat(HEX.formatHex(DatumCodec.encodeKey(new Datum.Float64(2.0))))
        .isEqualTo("05" + "c000000000000000");
    // TIME 4:00:00 is 14400000000000 ns (TiDB rowcodec_test.go TestTypesNewRowCodec, column 16).
    assertThat(HEX.formatHex(DatumCodec.encodeKey(new Datum.Duration(14_400_000_000_000L))))
        .isEqualTo("07" + "80000d18c2e28000");
    assertThat(
            HEX.formatHex(DatumCodec.encodeKey(new Datum.Decimal(new BigDecimal("11.99"), 6, 4))))
        .isEqualTo("06" + "0604" + "8b26ac");
    assertThat(HEX.formatHex(DatumCodec.encodeKey(Datum.Null.INSTANCE))).isEqualTo("00");
    assertThat(HEX.formatHex(DatumCodec.encodeKey(Datum.MinNotNull.INSTANCE))).isEqualTo("01");
    assertThat(HEX.formatHex(DatumCodec.encodeKey(Datum.Max.INSTANCE))).isEqualTo("fa");
  }

  @Test
  void valueFormOfEachKind() {
    // Hand-derived from TiDB util/codec/codec.go encode() with comparable = false.
    assertThat(HEX.formatHex(DatumCodec.encodeValue(new Datum.Int(1)))).isEqualTo("0802");
    assertThat(HEX.formatHex(DatumCodec.encodeValue(new Datum.Int(-1)))).isEqualTo("0801");
    assertThat(HEX.formatHex(DatumCodec.encodeValue(new Datum.Uint(300)))).isEqualTo("09ac02");
    assertThat(HEX.formatHex(DatumCodec.encodeValue(new Datum.Bytes(utf8("abc")))))
        .isEqualTo("0206616263");
    assertThat(
            HEX.formatHex(
                DatumCodec.encodeValue(new Datum.Json(0x09, HEX.parseHex("0200000000000000")))))
        .isEqualTo("0a09" + "0200000000000000");
  }

  @Test
  void decodesWhatItEncodesInBothForms() {
    List<Datum> datums =
        List.of(
            new Datum.Int(-7),
            new Datum.Uint(Long.MIN_VALUE),
            new Datum.Bytes(utf8("hello world")),
            new Datum.Float64(3.15),
            new Datum.Decimal(new BigDecimal("-123.4500000000"), 20, 10),
            new Datum.Duration(-1),
            new Datum.Json(0x0c, HEX.parseHex("03616263")),
            Datum.Null.INSTANCE);
    assertThat(DatumCodec.decodeAll(DatumCodec.encodeKey(datums))).isEqualTo(datums);
    assertThat(DatumCodec.decodeAll(DatumCodec.encodeValue(datums))).isEqualTo(datums);
  }

  @Test
  void cutOneSplitsConcatenatedDatums() {
    byte[] enc =
        DatumCodec.encodeKey(
            new Datum.Int(1), new Datum.Bytes(utf8("abc")), new Datum.Float64(5.5));
    ByteReader in = new ByteReader(enc);
    assertThat(HEX.formatHex(DatumCodec.cutOne(in))).isEqualTo("038000000000000001");
    assertThat(DatumCodec.cutOne(in)).hasSize(10);
    assertThat(DatumCodec.cutOne(in)).hasSize(9);
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void keyFormSortsLikeValues() {
    // Orderings from TiDB util/codec/codec_test.go, TestCodecKeyCompare.
    assertThat(compare(List.of(new Datum.Int(-1)), List.of(new Datum.Int(1)))).isNegative();
    assertThat(
            compare(
                List.of(new Datum.Bytes(utf8("abcdefgh"))),
                List.of(new Datum.Bytes(utf8("abcdefghi")))))
        .isNegative();
    assertThat(compare(List.of(new Datum.Int(0)), List.of(Datum.Null.INSTANCE))).isPositive();
    assertThat(compare(List.of(Datum.MinNotNull.INSTANCE), List.of(Datum.Max.INSTANCE)))
        .isNegative();
  }

  @Test
  void rejectsUnknownFlagWithOffset() {
    assertThatThrownBy(() -> DatumCodec.decodeAll(HEX.parseHex("0802" + "63")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("invalid datum flag 99 at offset 2");
  }

  private static int compare(List<Datum> a, List<Datum> b) {
    return java.util.Arrays.compareUnsigned(DatumCodec.encodeKey(a), DatumCodec.encodeKey(b));
  }
}
