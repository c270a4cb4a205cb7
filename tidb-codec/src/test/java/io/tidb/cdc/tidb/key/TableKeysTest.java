package io.tidb.cdc.tidb.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.codec.Datum;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TableKeysTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void indexPrefixMatchesTidbCutPrefixVector() {
    // TiDB pkg/tablecodec/tablecodec_test.go, TestCutPrefix: EncodeTableIndexPrefix(42, 666)
    // with the 11-byte "t{42}_i" cut off is 80 00 00 00 00 00 02 9a.
    byte[] key = TableKeys.indexPrefix(42, 666);
    assertThat(HEX.formatHex(key))
        .isEqualTo("74" + "800000000000002a" + "5f69" + "800000000000029a");
  }

  @Test
  void recordSpanMatchesPdPlacementRuleForTable45() {
    // pingcap/docs scale-tidb-using-tiup.md: TiFlash placement rule "table-45-r" covers
    // start 7480000000000000FF2D5F720000000000FA (EncodeBytes of t{45}_r)
    // end   7480000000000000FF2E00000000000000F8 (EncodeBytes of t{46}).
    KeySpan encoded =
        new KeySpan(TableKeys.recordPrefix(45), TableKeys.tablePrefix(46)).toComparable();
    assertThat(HEX.formatHex(encoded.start()).toUpperCase())
        .isEqualTo("7480000000000000FF2D5F720000000000FA");
    assertThat(HEX.formatHex(encoded.end()).toUpperCase())
        .isEqualTo("7480000000000000FF2E00000000000000F8");
    assertThat(encoded.toRaw())
        .isEqualTo(new KeySpan(TableKeys.recordPrefix(45), TableKeys.tablePrefix(46)));
  }

  @Test
  void tablePrefixMatchesPdPlacementRuleForTable43() {
    // pingcap/docs-cn configure-placement-rules.md: 7480000000000000FF2B00000000000000F8 is the
    // encoded prefix of table 43, 7480000000000000FF2C00000000000000F8 of table 44.
    KeySpan span = TableKeys.tableSpan(43).toComparable();
    assertThat(HEX.formatHex(span.start()).toUpperCase())
        .isEqualTo("7480000000000000FF2B00000000000000F8");
    assertThat(HEX.formatHex(span.end()).toUpperCase())
        .isEqualTo("7480000000000000FF2C00000000000000F8");
  }

  @Test
  void intRecordKeyRoundTrip() {
    // Hand-derived: t + EncodeInt(55) + "_r" + EncodeInt(MaxUint32) (TiDB TestRecordKey's inputs).
    byte[] key = TableKeys.recordKey(55, 4294967295L);
    assertThat(HEX.formatHex(key))
        .isEqualTo("74" + "8000000000000037" + "5f72" + "80000000ffffffff");
    assertThat(TableKeys.decodeRecordKey(key))
        .isEqualTo(new RecordKey(55, new Handle.IntHandle(4294967295L)));
    assertThat(TableKeys.isRecordKey(key)).isTrue();
    assertThat(TableKeys.isIndexKey(key)).isFalse();
    assertThat(TableKeys.tableId(key)).isEqualTo(55);
  }

  @Test
  void commonHandleRecordKeyRoundTrip() {
    Handle.CommonHandle handle =
        Handle.CommonHandle.of(
            new Datum.Bytes("a".getBytes(StandardCharsets.UTF_8)), new Datum.Int(-2));
    byte[] key = TableKeys.recordKey(7, handle);
    // Hand-derived: bytes flag 01 + EncodeBytes("a"), int flag 03 + EncodeInt(-2).
    assertThat(HEX.formatHex(key))
        .isEqualTo(
            "74"
                + "8000000000000007"
                + "5f72"
                + "01"
                + "6100000000000000f8"
                + "03"
                + "7ffffffffffffffe");
    RecordKey decoded = TableKeys.decodeRecordKey(key);
    assertThat(decoded.handle()).isEqualTo(handle);
    assertThat(((Handle.CommonHandle) decoded.handle()).datums())
        .containsExactly(new Datum.Bytes("a".getBytes(StandardCharsets.UTF_8)), new Datum.Int(-2));
    assertThat(decoded.encode()).isEqualTo(key);
  }

  @Test
  void rejectsTidbInvalidRecordKey() {
    // TiDB pkg/tablecodec/tablecodec_test.go, TestTableCodecInvalid: an 8-byte handle followed
    // by '0' is neither an int handle nor a valid common handle.
    byte[] prefix = TableKeys.recordPrefix(100);
    byte[] handle = io.tidb.cdc.tidb.codec.NumberCodec.encodeInt(-9078412423848787968L);
    byte[] key = new byte[prefix.length + handle.length + 1];
    System.arraycopy(prefix, 0, key, 0, prefix.length);
    System.arraycopy(handle, 0, key, prefix.length, handle.length);
    key[key.length - 1] = '0';
    assertThatThrownBy(() -> TableKeys.decodeRecordKey(key))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("invalid common handle");
    assertThatThrownBy(
            () ->
                TableKeys.decodeRecordKey(
                    "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("not a record key");
  }

  @Test
  void recordSpanEndsBeforeNextMarkerLikeTicdc() {
    KeySpan span = TableKeys.recordSpan(123);
    assertThat(HEX.formatHex(span.start())).isEqualTo("74800000000000007b5f72");
    assertThat(HEX.formatHex(span.end())).isEqualTo("74800000000000007b5f73");
    assertThat(span.contains(TableKeys.recordKey(123, Long.MAX_VALUE))).isTrue();
    assertThat(span.contains(TableKeys.indexPrefix(123, 1))).isFalse();
    assertThat(span.contains(TableKeys.recordKey(124, 1))).isFalse();
  }

  @Test
  void emptyBoundariesStayEmptyWhenEncoded() {
    assertThat(KeySpan.all().toComparable()).isEqualTo(KeySpan.all());
    assertThat(KeySpan.all().contains(new byte[] {(byte) 0xff})).isTrue();
  }
}
