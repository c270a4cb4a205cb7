package io.tidb.cdc.worker.encoder;

import static io.tidb.cdc.worker.encoder.TestTables.i;
import static io.tidb.cdc.worker.encoder.TestTables.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.mounter.PreImage;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.mounter.RowChangeType;
import io.tidb.cdc.worker.schema.TableDef;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncoderConfigTest {
  static final TableDef T =
      TestTables.intPkTable(
          "db",
          10,
          "t",
          List.of(TestTables.pkInt(), TestTables.text(MysqlType.VARCHAR, 16)),
          List.of("id", "v"));

  @Test
  void readsTiCdcOptionNames() {
    EncoderConfig c =
        EncoderConfig.fromParams(
            Map.of(
                "protocol",
                "canal-json",
                "enable-tidb-extension",
                "T",
                "only-output-updated-columns",
                "1",
                "delete-only-output-handle-key-columns",
                "true",
                "time-zone",
                "Asia/Shanghai"),
            EncoderConfig.defaults(Protocol.CANAL_JSON));
    assertThat(c.protocol()).isEqualTo(Protocol.CANAL_JSON);
    assertThat(c.enableTidbExtension()).isTrue();
    assertThat(c.onlyOutputUpdatedColumns()).isTrue();
    assertThat(c.deleteOnlyHandleKeyColumns()).isTrue();
    assertThat(c.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    EncoderConfig off = EncoderConfig.fromParams(Map.of("enable-tidb-extension", "False"), c);
    assertThat(off.enableTidbExtension()).isFalse();
  }

  @Test
  void protocolNamesAreChecked() {
    assertThat(Protocol.parse(" Canal-JSON ")).isEqualTo(Protocol.CANAL_JSON);
    assertThatThrownBy(() -> Protocol.parse("default"))
        .hasMessage("protocol 'default' is not supported yet; supported: canal-json");
    assertThatThrownBy(() -> Protocol.parse("xml"))
        .hasMessage("unknown protocol 'xml'; supported: canal-json");
    assertThatThrownBy(() -> EncoderFactory.create(EncoderConfig.defaults(Protocol.AVRO)))
        .hasMessageContaining("protocol 'avro' is not supported yet");
  }

  @Test
  void rowWithoutImageIsAnEncodeError() {
    RowChange bad =
        new RowChange(
            T,
            T.id(),
            1,
            2,
            RowChangeType.DELETE,
            new Handle.IntHandle(1),
            List.of(),
            List.of(),
            PreImage.NONE);
    assertThatThrownBy(
            () -> EncoderFactory.create(EncoderConfig.defaults(Protocol.CANAL_JSON)).encodeRow(bad))
        .isInstanceOf(EncodeException.class)
        .hasMessageContaining("canal-json: DELETE db.t@10 commitTs=2")
        .hasMessageContaining("needs the row before the change");
  }

  /** TiCDC's transaction encoder: one message per transaction, rows each followed by CRLF. */
  @Test
  void txnBatcherJoinsRowsWithTerminator() {
    Encoder enc =
        EncoderFactory.create(
            EncoderConfig.defaults(Protocol.CANAL_JSON)
                .withClock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
    TxnBatcher batcher = new TxnBatcher(enc, TxnBatcher.CRLF);
    assertThat(batcher.build()).isNull();
    RowChange r1 = TestTables.insert(T, 100, i(1), s("a"));
    RowChange r2 = TestTables.insert(T, 100, i(2), s("b"));
    batcher.append(r1);
    batcher.append(r2);
    assertThatThrownBy(() -> batcher.append(TestTables.insert(T, 101, i(3), s("c"))))
        .hasMessageContaining("does not belong to the batch of table 10 at commit ts 100");
    Message m = batcher.build();
    String expected =
        new String(enc.encodeRow(r1).value(), StandardCharsets.UTF_8)
            + "\r\n"
            + new String(enc.encodeRow(r2).value(), StandardCharsets.UTF_8)
            + "\r\n";
    assertThat(new String(m.value(), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(m.rowCount()).isEqualTo(2);
    assertThat(m.commitTs()).isEqualTo(100);
    assertThat(m.table()).isEqualTo("t");
    assertThat(batcher.isEmpty()).isTrue();
  }
}
