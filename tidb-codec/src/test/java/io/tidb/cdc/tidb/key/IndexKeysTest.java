package io.tidb.cdc.tidb.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.tidb.codec.Datum;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexKeysTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final List<Datum> VALUES =
      List.of(
          new Datum.Int(1),
          new Datum.Bytes("abc".getBytes(StandardCharsets.UTF_8)),
          new Datum.Float64(5.5));

  @Test
  void nonUniqueKeyAppendsIntHandleWithFlag() {
    // Inputs of TiDB pkg/tablecodec/tablecodec_test.go, TestCutKeyNew (table 4, index 5, handle
    // 100); bytes hand-derived from GenIndexKey.
    byte[] key = IndexKeys.nonUniqueKey(4, 5, VALUES, new Handle.IntHandle(100));
    assertThat(HEX.formatHex(key))
        .isEqualTo(
            "74"
                + "8000000000000004"
                + "5f69"
                + "8000000000000005"
                + "03"
                + "8000000000000001"
                + "01"
                + "6162630000000000fa"
                + "05"
                + "c016000000000000"
                + "03"
                + "8000000000000064");
    IndexKey decoded = IndexKeys.decode(key, 3);
    assertThat(decoded.tableId()).isEqualTo(4);
    assertThat(decoded.indexId()).isEqualTo(5);
    assertThat(decoded.values()).isEqualTo(VALUES);
    assertThat(decoded.handle()).contains(new Handle.IntHandle(100));
  }

  @Test
  void uniqueKeyHasNoHandleUnlessAValueIsNull() {
    byte[] key = IndexKeys.uniqueKey(4, 5, VALUES, new Handle.IntHandle(100));
    assertThat(IndexKeys.decode(key, 3).handle()).isEqualTo(Optional.empty());
    List<Datum> withNull = List.of(new Datum.Int(1), Datum.Null.INSTANCE);
    byte[] nullKey = IndexKeys.uniqueKey(4, 5, withNull, new Handle.IntHandle(100));
    assertThat(IndexKeys.decode(nullKey, 2).handle()).contains(new Handle.IntHandle(100));
  }

  @Test
  void commonHandleIsAppendedAsEncodedColumns() {
    Handle.CommonHandle h = Handle.CommonHandle.of(new Datum.Int(9), new Datum.Int(10));
    byte[] key = IndexKeys.nonUniqueKey(4, 5, List.of(new Datum.Int(1)), h);
    assertThat(IndexKeys.decode(key, 1).handle()).contains(h);
  }

  @Test
  void oldEncodingValues() {
    // TiDB tablecodec_genindex.go GenIndexValuePortal, "Old Encoding": '0' for non-unique,
    // the 8-byte big-endian handle for unique entries.
    assertThat(IndexKeys.nonUniqueValue()).containsExactly('0');
    assertThat(HEX.formatHex(IndexKeys.uniqueIntHandleValue(100))).isEqualTo("0000000000000064");
    assertThat(IndexKeys.intHandleFromValue(HEX.parseHex("0000000000000064"))).isEqualTo(100);
  }
}
