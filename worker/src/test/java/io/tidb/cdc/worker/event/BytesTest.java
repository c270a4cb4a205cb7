package io.tidb.cdc.worker.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void ordersUnsignedLexicographicallyWithPrefixFirst() {
    Bytes a = Bytes.fromHex("7f");
    Bytes b = Bytes.fromHex("80");
    Bytes c = Bytes.fromHex("8000");
    Bytes d = Bytes.fromHex("ff");
    assertThat(a).isLessThan(b);
    assertThat(b).isLessThan(c);
    assertThat(c).isLessThan(d);
    assertThat(Bytes.EMPTY).isLessThan(a);
  }

  @Test
  void ordersLikeArraysCompareUnsignedOnRandomInput() {
    Random rnd = new Random(7);
    for (int i = 0; i < 2000; i++) {
      byte[] x = new byte[rnd.nextInt(4)];
      byte[] y = new byte[rnd.nextInt(4)];
      rnd.nextBytes(x);
      rnd.nextBytes(y);
      assertThat(Integer.signum(Bytes.copyOf(x).compareTo(Bytes.copyOf(y))))
          .isEqualTo(Integer.signum(Arrays.compareUnsigned(x, y)));
      assertThat(Bytes.copyOf(x).equals(Bytes.copyOf(y))).isEqualTo(Arrays.equals(x, y));
    }
  }

  @Test
  void copiesDefensivelyOnTheWayInAndOut() {
    byte[] raw = {1, 2, 3};
    Bytes b = Bytes.copyOf(raw);
    raw[0] = 9;
    assertThat(b.byteAt(0)).isEqualTo((byte) 1);
    b.toByteArray()[1] = 9;
    assertThat(b.byteAt(1)).isEqualTo((byte) 2);
  }

  @Test
  void equalContentMeansEqualAndSameHash() {
    Bytes x = Bytes.of(ByteString.copyFromUtf8("key"));
    Bytes y = Bytes.copyOf("key".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(x).isEqualTo(y).hasSameHashCodeAs(y);
    assertThat(x).isNotEqualTo(Bytes.fromHex("6b6579ff"));
    assertThat(x.toByteString()).isEqualTo(ByteString.copyFromUtf8("key"));
  }

  @Test
  void toStringIsHexAndTruncatesLongValues() {
    assertThat(Bytes.fromHex("00ff10").toString()).isEqualTo("00ff10");
    String s = Bytes.copyOf(new byte[1000]).toString();
    assertThat(s).endsWith("...(1000 bytes)").hasSize(128 + "...(1000 bytes)".length());
  }

  @Test
  void roundTripsThroughDataStreams() throws IOException {
    Bytes b = Bytes.fromHex("0102030405");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    b.writeTo(new DataOutputStream(buf));
    Bytes back =
        Bytes.readFrom(new DataInputStream(new ByteArrayInputStream(buf.toByteArray())), 5);
    assertThat(back).isEqualTo(b);
  }
}
