package io.tidb.cdc.tidb.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemComparableTest {

  private record Vector(int[] raw, int[] encoded) {}

  private static byte[] b(int... v) {
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) v[i];
    }
    return out;
  }

  private static int[] i(int... v) {
    return v;
  }

  // Vectors from TiDB pkg/util/codec/bytes_test.go, TestBytesCodec (ascending cases).
  private static final List<Vector> ASC =
      List.of(
          new Vector(i(), i(0, 0, 0, 0, 0, 0, 0, 0, 247)),
          new Vector(i(0), i(0, 0, 0, 0, 0, 0, 0, 0, 248)),
          new Vector(i(1, 2, 3), i(1, 2, 3, 0, 0, 0, 0, 0, 250)),
          new Vector(i(1, 2, 3, 0), i(1, 2, 3, 0, 0, 0, 0, 0, 251)),
          new Vector(i(1, 2, 3, 4, 5, 6, 7), i(1, 2, 3, 4, 5, 6, 7, 0, 254)),
          new Vector(
              i(0, 0, 0, 0, 0, 0, 0, 0),
              i(0, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 247)),
          new Vector(
              i(1, 2, 3, 4, 5, 6, 7, 8),
              i(1, 2, 3, 4, 5, 6, 7, 8, 255, 0, 0, 0, 0, 0, 0, 0, 0, 247)),
          new Vector(
              i(1, 2, 3, 4, 5, 6, 7, 8, 9),
              i(1, 2, 3, 4, 5, 6, 7, 8, 255, 9, 0, 0, 0, 0, 0, 0, 0, 248)));

  // Vectors from TiDB pkg/util/codec/bytes_test.go, TestBytesCodec (descending cases).
  private static final List<Vector> DESC =
      List.of(
          new Vector(i(), i(255, 255, 255, 255, 255, 255, 255, 255, 8)),
          new Vector(i(0), i(255, 255, 255, 255, 255, 255, 255, 255, 7)),
          new Vector(i(1, 2, 3), i(254, 253, 252, 255, 255, 255, 255, 255, 5)),
          new Vector(i(1, 2, 3, 4, 5, 6, 7), i(254, 253, 252, 251, 250, 249, 248, 255, 1)),
          new Vector(
              i(1, 2, 3, 4, 5, 6, 7, 8, 9),
              i(
                  254, 253, 252, 251, 250, 249, 248, 247, 0, 246, 255, 255, 255, 255, 255, 255, 255,
                  7)));

  @Test
  void encodesAndDecodesTidbAscendingVectors() {
    for (Vector v : ASC) {
      assertThat(MemComparable.encodeBytes(b(v.raw))).isEqualTo(b(v.encoded));
      assertThat(MemComparable.decodeBytes(b(v.encoded))).isEqualTo(b(v.raw));
      assertThat(MemComparable.encodedLength(v.raw.length)).isEqualTo(v.encoded.length);
    }
  }

  @Test
  void encodesAndDecodesTidbDescendingVectors() {
    for (Vector v : DESC) {
      assertThat(MemComparable.encodeBytesDesc(b(v.raw))).isEqualTo(b(v.encoded));
      assertThat(MemComparable.decodeBytesDesc(b(v.encoded), 0).value()).isEqualTo(b(v.raw));
      assertThat(MemComparable.readDesc(new ByteReader(b(v.encoded)))).isEqualTo(b(v.raw));
    }
  }

  @Test
  void rejectsTidbErrorInputs() {
    // Error inputs from TiDB pkg/util/codec/bytes_test.go, TestBytesCodec.
    List<byte[]> bad =
        List.of(
            b(1, 2, 3, 4),
            b(0, 0, 0, 0, 0, 0, 0, 247),
            b(0, 0, 0, 0, 0, 0, 0, 0, 246),
            b(0, 0, 0, 0, 0, 0, 0, 1, 247),
            b(1, 2, 3, 4, 5, 6, 7, 8, 0),
            b(1, 2, 3, 4, 5, 6, 7, 8, 255, 1),
            b(1, 2, 3, 4, 5, 6, 7, 8, 255, 1, 2, 3, 4, 5, 6, 7, 8),
            b(1, 2, 3, 4, 5, 6, 7, 8, 255, 1, 2, 3, 4, 5, 6, 7, 8, 255),
            b(1, 2, 3, 4, 5, 6, 7, 8, 255, 1, 2, 3, 4, 5, 6, 7, 8, 0));
    for (byte[] input : bad) {
      assertThatThrownBy(() -> MemComparable.decodeBytes(input, 0))
          .isInstanceOf(CodecException.class);
    }
  }

  @Test
  void readStopsAfterOneValueAndReportsOffset() {
    byte[] two = concat(MemComparable.encodeBytes(b(7)), MemComparable.encodeBytes(b(8, 9)));
    ByteReader in = new ByteReader(two);
    assertThat(MemComparable.read(in)).isEqualTo(b(7));
    assertThat(in.position()).isEqualTo(9);
    assertThat(MemComparable.read(in)).isEqualTo(b(8, 9));
    assertThat(in.hasRemaining()).isFalse();
    assertThat(MemComparable.decodeBytes(two, 9)).isEqualTo(new MemComparable.Decoded(b(8, 9), 18));
  }

  @Test
  void wholeBufferDecodeRejectsTrailingBytes() {
    byte[] enc = concat(MemComparable.encodeBytes(b(1)), b(0));
    assertThatThrownBy(() -> MemComparable.decodeBytes(enc))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("1 trailing bytes");
  }

  static byte[] concat(byte[] a, byte[] c) {
    byte[] out = new byte[a.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(c, 0, out, a.length, c.length);
    return out;
  }
}
