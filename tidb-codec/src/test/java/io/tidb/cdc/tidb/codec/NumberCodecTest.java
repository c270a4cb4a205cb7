package io.tidb.cdc.tidb.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NumberCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void uvarintMatchesGoExamples() {
    // Go src/encoding/binary/example_test.go, ExamplePutUvarint.
    long[] values = {1, 2, 127, 128, 255, 256};
    String[] expected = {"01", "02", "7f", "8001", "ff01", "8002"};
    for (int k = 0; k < values.length; k++) {
      assertThat(HEX.formatHex(NumberCodec.encodeUvarint(values[k]))).isEqualTo(expected[k]);
      assertThat(NumberCodec.readUvarint(new ByteReader(HEX.parseHex(expected[k]))))
          .isEqualTo(values[k]);
    }
  }

  @Test
  void varintMatchesGoExamples() {
    // Go src/encoding/binary/example_test.go, ExamplePutVarint.
    long[] values = {-65, -64, -2, -1, 0, 1, 2, 63, 64};
    String[] expected = {"8101", "7f", "03", "01", "00", "02", "04", "7e", "8001"};
    for (int k = 0; k < values.length; k++) {
      assertThat(HEX.formatHex(NumberCodec.encodeVarint(values[k]))).isEqualTo(expected[k]);
      assertThat(NumberCodec.readVarint(new ByteReader(HEX.parseHex(expected[k]))))
          .isEqualTo(values[k]);
    }
  }

  @Test
  void uvarintOfLargeValueMatchesGoExample() {
    // Go src/encoding/binary/example_test.go (older revision), ExamplePutUvarint:
    // 0x42f0e1eba9ea3693 -> 93eda8cfbabdb8f842.
    assertThat(HEX.formatHex(NumberCodec.encodeUvarint(0x42f0e1eba9ea3693L)))
        .isEqualTo("93eda8cfbabdb8f842");
    // Derived by hand: 2^64-1 needs ten bytes, the last one 0x01.
    assertThat(HEX.formatHex(NumberCodec.encodeUvarint(-1L))).isEqualTo("ffffffffffffffffff01");
    assertThat(NumberCodec.readUvarint(new ByteReader(HEX.parseHex("ffffffffffffffffff01"))))
        .isEqualTo(-1L);
  }

  @Test
  void varintRejectsTruncationAndOverflow() {
    assertThatThrownBy(() -> NumberCodec.readUvarint(new ByteReader(HEX.parseHex("80"))))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated varint");
    assertThatThrownBy(
            () -> NumberCodec.readUvarint(new ByteReader(HEX.parseHex("ffffffffffffffffff02"))))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("overflows");
  }

  @Test
  void comparableIntFlipsSignBitBigEndian() {
    // Hand-derived from TiDB's EncodeInt: uint64(v) ^ 0x8000000000000000, big endian.
    // The index ID 666 case is TiDB pkg/tablecodec/tablecodec_test.go, TestCutPrefix.
    assertThat(HEX.formatHex(NumberCodec.encodeInt(666))).isEqualTo("800000000000029a");
    assertThat(HEX.formatHex(NumberCodec.encodeInt(0))).isEqualTo("8000000000000000");
    assertThat(HEX.formatHex(NumberCodec.encodeInt(-1))).isEqualTo("7fffffffffffffff");
    assertThat(HEX.formatHex(NumberCodec.encodeInt(Long.MIN_VALUE))).isEqualTo("0000000000000000");
    assertThat(HEX.formatHex(NumberCodec.encodeInt(Long.MAX_VALUE))).isEqualTo("ffffffffffffffff");
    assertThat(NumberCodec.readInt(new ByteReader(HEX.parseHex("7fffffffffffffff")))).isEqualTo(-1);
  }

  @Test
  void descendingVariantsInvertTheAscendingBytes() {
    ByteWriter w = new ByteWriter();
    NumberCodec.writeIntDesc(w, 1);
    NumberCodec.writeUintDesc(w, 1);
    // Hand-derived: ~(1 ^ signbit) and ~1.
    assertThat(HEX.formatHex(w.toByteArray())).isEqualTo("7ffffffffffffffe" + "fffffffffffffffe");
    ByteReader in = new ByteReader(w.toByteArray());
    assertThat(NumberCodec.readIntDesc(in)).isEqualTo(1);
    assertThat(NumberCodec.readUintDesc(in)).isEqualTo(1);
  }

  @Test
  void uintIsPlainBigEndian() {
    assertThat(HEX.formatHex(NumberCodec.encodeUint(0x68))).isEqualTo("0000000000000068");
    assertThat(NumberCodec.readUint(new ByteReader(HEX.parseHex("ffffffffffffffff"))))
        .isEqualTo(-1L);
  }
}
