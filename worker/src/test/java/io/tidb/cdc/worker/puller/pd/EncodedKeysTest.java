package io.tidb.cdc.worker.puller.pd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import org.junit.jupiter.api.Test;

/** Vectors from TiDB's util/codec bytes tests (EncodeBytes). */
class EncodedKeysTest {
  private static ByteString hex(String h) {
    return Bytes.fromHex(h).toByteString();
  }

  @Test
  void encodesAsTiDbDoes() {
    assertThat(EncodedKeys.encode(Bytes.fromHex("010203")))
        .isEqualTo(hex("010203" + "0000000000" + "fa"));
    assertThat(EncodedKeys.encode(Bytes.fromHex("01020300")))
        .isEqualTo(hex("01020300" + "00000000" + "fb"));
    assertThat(EncodedKeys.encode(Bytes.fromHex("0102030405060708")))
        .isEqualTo(hex("0102030405060708ff" + "0000000000000000f7"));
  }

  @Test
  void theEmptyKeyStaysEmptyBothWays() {
    assertThat(EncodedKeys.encode(Bytes.EMPTY)).isEqualTo(ByteString.EMPTY);
    assertThat(EncodedKeys.decode(ByteString.EMPTY)).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void decodesBoundariesToRawSpans() {
    Bytes a = Bytes.fromHex("7480000000000000645f728000000000000001");
    Bytes b = Bytes.fromHex("7480000000000000645f7280000000000003e8");
    KeySpan s = EncodedKeys.decodeSpan(EncodedKeys.encode(a), EncodedKeys.encode(b));
    assertThat(s).isEqualTo(KeySpan.of(a, b));
    assertThat(EncodedKeys.decodeSpan(EncodedKeys.encode(a), ByteString.EMPTY).isUnbounded())
        .isTrue();
  }

  @Test
  void aBoundaryThatIsNotEncodedIsRefusedWithItsBytes() {
    assertThatThrownBy(() -> EncodedKeys.decode(hex("7480")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7480")
        .hasMessageContaining("not memcomparable-encoded");
  }
}
