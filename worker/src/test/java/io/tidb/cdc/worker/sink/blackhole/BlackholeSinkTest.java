package io.tidb.cdc.worker.sink.blackhole;

import static io.tidb.cdc.worker.encoder.TestTables.i;
import static io.tidb.cdc.worker.encoder.TestTables.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.encoder.Encoder;
import io.tidb.cdc.worker.encoder.EncoderConfig;
import io.tidb.cdc.worker.encoder.EncoderFactory;
import io.tidb.cdc.worker.encoder.Protocol;
import io.tidb.cdc.worker.encoder.TestTables;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.schema.TableDef;
import io.tidb.cdc.worker.sink.SinkException;
import io.tidb.cdc.worker.sink.SinkStats;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlackholeSinkTest {
  static final TableDef A =
      TestTables.intPkTable(
          "db",
          10,
          "a",
          List.of(TestTables.pkInt(), TestTables.text(MysqlType.VARCHAR, 16)),
          List.of("id", "v"));
  static final TableDef B =
      TestTables.intPkTable(
          "db",
          11,
          "b",
          List.of(TestTables.pkInt(), TestTables.text(MysqlType.VARCHAR, 16)),
          List.of("id", "v"));

  @Test
  void countsRowsAndEncodedBytesAndFlushesAtOnce() {
    Encoder enc = EncoderFactory.create(EncoderConfig.defaults(Protocol.CANAL_JSON));
    List<RowChange> rows =
        List.of(
            TestTables.insert(A, 100, i(1), s("x")),
            TestTables.insert(A, 100, i(2), s("yy")),
            TestTables.insert(B, 105, i(1), s("z")),
            TestTables.insert(A, 120, i(3), s("w")));
    long expectedBytes = rows.stream().mapToLong(r -> enc.encodeRow(r).length()).sum();
    try (BlackholeSink sink = new BlackholeSink(Optional.of(enc))) {
      sink.write(rows);
      assertThat(sink.flush(A.id(), 110).join()).isEqualTo(110);
      SinkStats stats = sink.stats();
      assertThat(stats.rowsWritten()).isEqualTo(4);
      assertThat(stats.bytesWritten()).isEqualTo(expectedBytes);
      assertThat(stats.rowsFlushed()).isEqualTo(2); // a's rows at 100; 120 is above, b not flushed
      sink.flush(B.id(), 110).join();
      sink.flush(A.id(), 120).join();
      assertThat(sink.stats().rowsFlushed()).isEqualTo(4);
      assertThat(sink.stats().flushes()).isEqualTo(3);
      sink.writeDdl(DdlEvent.of(ActionType.TRUNCATE_TABLE, "db", "a", "truncate table a", 130))
          .join();
      sink.writeCheckpoint(125).join();
      assertThat(sink.stats().ddls()).isEqualTo(1);
      assertThat(sink.checkpointTs()).isEqualTo(125);
    }
  }

  @Test
  void withoutProtocolBytesAreAnEstimate() {
    try (BlackholeSink sink = new BlackholeSink(Optional.empty())) {
      sink.write(List.of(TestTables.insert(A, 100, i(1), s("abcd"))));
      assertThat(sink.stats().bytesWritten()).isEqualTo(8 + 4);
    }
  }

  @Test
  void refusesRowsOutOfCommitOrderAndCallsAfterClose() {
    BlackholeSink sink = new BlackholeSink(Optional.empty());
    sink.write(List.of(TestTables.insert(A, 100, i(1), s("x"))));
    assertThatThrownBy(() -> sink.write(List.of(TestTables.insert(A, 99, i(2), s("y")))))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining(
            "rows of table db.a (physical id 10) went back in commit order: 99 after 100");
    sink.write(List.of(TestTables.insert(B, 99, i(2), s("y")))); // other tables are independent
    sink.removeTable(A.id()).join();
    sink.write(List.of(TestTables.insert(A, 50, i(2), s("y")))); // a re-added table starts afresh
    sink.close();
    sink.close();
    assertThatThrownBy(() -> sink.write(List.of())).hasMessage("blackhole sink is closed");
    assertThatThrownBy(() -> sink.flush(A.id(), 1)).hasMessage("blackhole sink is closed");
  }
}
