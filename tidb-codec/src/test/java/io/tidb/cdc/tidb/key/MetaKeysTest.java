package io.tidb.cdc.tidb.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.codec.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MetaKeysTest {
  private static final HexFormat HEX = HexFormat.of();

  // TiDB pkg/tablecodec/tablecodec_test.go, TestDecodeAutoIDMeta: the meta key of DB:56 / TID:108.
  private static final byte[] AUTO_ID_KEY = {
    0x6d,
    0x44,
    0x42,
    0x3a,
    0x35,
    0x36,
    0x0,
    0x0,
    0x0,
    (byte) 0xfc,
    0x0,
    0x0,
    0x0,
    0x0,
    0x0,
    0x0,
    0x0,
    0x68,
    0x54,
    0x49,
    0x44,
    0x3a,
    0x31,
    0x30,
    0x38,
    0x0,
    (byte) 0xfe
  };

  @Test
  void autoIdKeyMatchesTidbVector() {
    assertThat(MetaKeys.autoTableIdKey(56, 108)).isEqualTo(AUTO_ID_KEY);
    StructureKey k = StructureKeys.META.decode(AUTO_ID_KEY);
    assertThat(k.kind()).isEqualTo(StructureKey.Kind.HASH_DATA);
    assertThat(k.keyString()).isEqualTo("DB:56");
    assertThat(k.fieldString()).isEqualTo("TID:108");
  }

  @Test
  void tableAndDatabaseKeys() {
    // Hand-derived from structure.encodeHashDataKey: m + EncodeBytes(key) + EncodeUint('h') +
    // EncodeBytes(field).
    assertThat(HEX.formatHex(MetaKeys.tableKey(2, 81)))
        .isEqualTo(
            "6d"
                + "44423a3200000000fb"
                + "0000000000000068"
                + "5461626c653a3831ff"
                + "0000000000000000f7");
    assertThat(HEX.formatHex(MetaKeys.databaseKey(2)))
        .isEqualTo("6d" + "4442730000000000fa" + "0000000000000068" + "44423a3200000000fb");
    StructureKey k = StructureKeys.META.decode(MetaKeys.tableKey(2, 81));
    assertThat(MetaKeys.parseDatabaseField(k.key())).isEqualTo(OptionalLong.of(2));
    assertThat(MetaKeys.parseTableField(k.field())).isEqualTo(OptionalLong.of(81));
    assertThat(MetaKeys.parseTableField("TID:81".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void stringDataKeys() {
    // Hand-derived from structure.EncodeStringDataKey: m + EncodeBytes(key) + EncodeUint('s').
    assertThat(HEX.formatHex(MetaKeys.schemaVersionKey()))
        .isEqualTo(
            "6d"
                + "536368656d615665ff"
                + "7273696f6e4b6579ff"
                + "0000000000000000f7"
                + "0000000000000073");
    assertThat(HEX.formatHex(MetaKeys.schemaDiffKey(5)))
        .isEqualTo("6d" + "446966663a350000fd" + "0000000000000073");
    StructureKey diff = StructureKeys.META.decode(MetaKeys.schemaDiffKey(5));
    assertThat(diff.kind()).isEqualTo(StructureKey.Kind.STRING_DATA);
    assertThat(diff.keyString()).isEqualTo("Diff:5");
  }

  @Test
  void listAndHistoryKeys() {
    StructureKey job = StructureKeys.META.decode(MetaKeys.historyJobKey(300));
    assertThat(job.keyString()).isEqualTo("DDLJobHistory");
    assertThat(HEX.formatHex(job.field())).isEqualTo("000000000000012c");
    StructureKey list =
        StructureKeys.META.decode(
            StructureKeys.META.listDataKey("DDLJobList".getBytes(StandardCharsets.UTF_8), -1));
    assertThat(list.kind()).isEqualTo(StructureKey.Kind.LIST_DATA);
    assertThat(list.index()).isEqualTo(-1);
  }

  @Test
  void hashSpanCoversEveryFieldOnly() {
    KeySpan dbs = MetaKeys.databasesSpan();
    assertThat(dbs.contains(MetaKeys.databaseKey(1))).isTrue();
    assertThat(dbs.contains(MetaKeys.databaseKey(Long.MAX_VALUE))).isTrue();
    assertThat(dbs.contains(MetaKeys.tableKey(1, 1))).isFalse();
    assertThat(MetaKeys.databaseEntriesSpan(2).contains(MetaKeys.tableKey(2, 5))).isTrue();
    assertThat(MetaKeys.databaseEntriesSpan(2).contains(MetaKeys.tableKey(20, 5))).isFalse();
  }

  @Test
  void intValuesAreDecimalText() {
    assertThat(MetaKeys.encodeIntValue(42)).isEqualTo("42".getBytes(StandardCharsets.UTF_8));
    assertThat(MetaKeys.decodeIntValue("-7".getBytes(StandardCharsets.UTF_8))).isEqualTo(-7);
    assertThatThrownBy(() -> MetaKeys.decodeIntValue("x".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'x'");
  }

  @Test
  void rejectsForeignPrefixAndBadFlag() {
    assertThatThrownBy(() -> StructureKeys.META.decode(new byte[] {'t', 1}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("structure prefix m");
    byte[] bad = MetaKeys.schemaDiffKey(1);
    bad[bad.length - 1] = 'x';
    assertThatThrownBy(() -> StructureKeys.META.decode(bad))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("invalid structure type flag 120");
  }
}
