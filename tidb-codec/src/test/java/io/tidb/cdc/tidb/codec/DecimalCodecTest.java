package io.tidb.cdc.tidb.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DecimalCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  private static String bin(String value, int precision, int frac) {
    ByteWriter w = new ByteWriter();
    DecimalCodec.writeBin(w, new BigDecimal(value), precision, frac);
    return HEX.formatHex(w.toByteArray());
  }

  private static BigDecimal read(String hex, int precision, int frac) {
    return DecimalCodec.readBin(new ByteReader(HEX.parseHex(hex)), precision, frac);
  }

  @Test
  void matchesTheWorkedExampleInTidbMyDecimal() {
    // TiDB pkg/types/mydecimal.go, comment on ToBin (from MySQL's decimal.c):
    // 1234567890.1234 as DECIMAL(14,4) is 81 0D FB 38 D2 04 D2, its negation 7E F2 04 C7 2D FB 2D.
    assertThat(bin("1234567890.1234", 14, 4)).isEqualTo("810dfb38d204d2");
    assertThat(bin("-1234567890.1234", 14, 4)).isEqualTo("7ef204c72dfb2d");
    assertThat(read("810dfb38d204d2", 14, 4)).isEqualTo(new BigDecimal("1234567890.1234"));
    assertThat(read("7ef204c72dfb2d", 14, 4)).isEqualTo(new BigDecimal("-1234567890.1234"));
  }

  @Test
  void encodeDecimalMatchesTikvRowVector() {
    // TiKV components/tidb_query_datatype/src/codec/row/v2/encoder_for_test.rs, test_encode:
    // Decimal::from(1) with its own precision/frac is stored as [1, 0, 129].
    ByteWriter w = new ByteWriter();
    DecimalCodec.writeDecimal(w, BigDecimal.ONE, 0, 0);
    assertThat(w.toByteArray()).containsExactly(1, 0, 129);
    DecimalCodec.Decoded d =
        DecimalCodec.readDecimal(new ByteReader(new byte[] {1, 0, (byte) 129}));
    assertThat(d).isEqualTo(new DecimalCodec.Decoded(BigDecimal.ONE, 1, 0));
  }

  @Test
  void handDerivedShapes() {
    // Hand-derived from the layout in mydecimal.go (digit groups, dig2bytes, sign handling).
    assertThat(bin("11.99", 6, 4)).isEqualTo("8b26ac");
    assertThat(bin("-10.55", 4, 2)).isEqualTo("75c8");
    assertThat(bin("0", 1, 0)).isEqualTo("80");
    assertThat(bin("0.0123456789012345678912345", 30, 25))
        .isEqualTo("80000000bc614e35b7bf870087fdd9");
    assertThat(bin("-123.45", 20, 10)).isEqualTo("7fffffff84e52d8b7fff");
    assertThat(bin("123456789012.123456789012", 38, 19))
        .isEqualTo("800000007b1b3a0c14075bcd1500b71b0000");
    assertThat(bin("-0.5", 5, 5)).isEqualTo("7f3caf");
    assertThat(read("7fffffff84e52d8b7fff", 20, 10)).isEqualTo(new BigDecimal("-123.4500000000"));
    assertThat(read("7f3caf", 5, 5)).isEqualTo(new BigDecimal("-0.50000"));
  }

  @Test
  void binSizeFollowsDigitGroups() {
    assertThat(DecimalCodec.binSize(14, 4)).isEqualTo(7);
    assertThat(DecimalCodec.binSize(65, 30)).isEqualTo(30);
    assertThat(DecimalCodec.binSize(10, 0)).isEqualTo(5);
    assertThat(DecimalCodec.binSize(9, 9)).isEqualTo(4);
  }

  @Test
  void truncatesExtraFractionDigitsLikeTidb() {
    // TiDB TestToBinFromBin: ".00012345000098765" as (15,14) reads back "0.00012345000098".
    assertThat(read(bin("0.00012345000098765", 15, 14), 15, 14))
        .isEqualTo(new BigDecimal("0.00012345000098"));
    // TiDB TestToBinFromBin: "12345" as (10,3) reads back "12345.000".
    assertThat(read(bin("12345", 10, 3), 10, 3)).isEqualTo(new BigDecimal("12345.000"));
  }

  @Test
  void rejectsOverflowAndBadShapes() {
    assertThatThrownBy(() -> bin("1000", 3, 0))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("overflows DECIMAL(3,0)");
    assertThatThrownBy(() -> DecimalCodec.binSize(2, 3)).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> read("81", 14, 4))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
    // 0x80 ^ 0x80 = 0, then 0xff in a 1-byte (2-digit) group is 255 > 99.
    assertThatThrownBy(() -> read("80ff", 4, 2))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("more than 2 digits");
  }

  @Test
  void precisionAndFracMatchesMyDecimal() {
    assertThat(DecimalCodec.precisionAndFrac(new BigDecimal("11.9900")))
        .isEqualTo(new DecimalCodec.Shape(6, 4));
    assertThat(DecimalCodec.precisionAndFrac(new BigDecimal("0.03")))
        .isEqualTo(new DecimalCodec.Shape(2, 2));
    assertThat(DecimalCodec.precisionAndFrac(new BigDecimal("0")))
        .isEqualTo(new DecimalCodec.Shape(1, 0));
    assertThat(DecimalCodec.precisionAndFrac(new BigDecimal("1E+3")))
        .isEqualTo(new DecimalCodec.Shape(4, 0));
  }
}
