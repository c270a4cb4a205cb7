package io.tidb.cdc.tidb.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FloatCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void matchesTikvRowEncoderVectors() {
    // TiKV components/tidb_query_datatype/src/codec/row/v2/encoder_for_test.rs, test_encode:
    // column 6 = -1.8 and column 9 = 1.8 are stored with EncodeFloat.
    assertThat(HEX.formatHex(FloatCodec.encodeFloat(-1.8))).isEqualTo("4003333333333332");
    assertThat(HEX.formatHex(FloatCodec.encodeFloat(1.8))).isEqualTo("bffccccccccccccd");
  }

  @Test
  void handDerivedSpecialValues() {
    // Hand-derived from TiDB float.go: +0 gets the sign bit, -0 is all bits inverted.
    assertThat(HEX.formatHex(FloatCodec.encodeFloat(0.0))).isEqualTo("8000000000000000");
    assertThat(HEX.formatHex(FloatCodec.encodeFloat(-0.0))).isEqualTo("7fffffffffffffff");
    assertThat(HEX.formatHex(FloatCodec.encodeFloat(2.0))).isEqualTo("c000000000000000");
    assertThat(HEX.formatHex(FloatCodec.encodeFloat(Double.NEGATIVE_INFINITY)))
        .isEqualTo("000fffffffffffff");
  }

  @Test
  void decodesAndPreservesOrder() {
    double[] ordered = {
      Double.NEGATIVE_INFINITY,
      -1e300,
      -1.8,
      -0.0,
      0.0,
      1e-300,
      1.8,
      3.15,
      Double.MAX_VALUE,
      Double.POSITIVE_INFINITY
    };
    byte[] previous = null;
    for (double d : ordered) {
      byte[] enc = FloatCodec.encodeFloat(d);
      assertThat(FloatCodec.readFloat(new ByteReader(enc))).isEqualTo(d);
      if (previous != null) {
        assertThat(java.util.Arrays.compareUnsigned(previous, enc)).isLessThan(0);
      }
      previous = enc;
      ByteWriter w = new ByteWriter();
      FloatCodec.writeFloatDesc(w, d);
      assertThat(FloatCodec.readFloatDesc(new ByteReader(w.toByteArray()))).isEqualTo(d);
    }
  }
}
