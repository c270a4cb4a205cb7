package io.tidb.cdc.worker.bench;

import static io.tidb.cdc.worker.schema.Fixtures.column;
import static io.tidb.cdc.worker.schema.Fixtures.db;

import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.Cell;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.row.RowV2;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.mounter.MountException;
import io.tidb.cdc.worker.mounter.Mounter;
import io.tidb.cdc.worker.mounter.MounterConfig;
import io.tidb.cdc.worker.schema.Fixtures;
import io.tidb.cdc.worker.schema.SchemaSnapshot;
import io.tidb.cdc.worker.schema.SchemaStorage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Mounter throughput in rows per second: 10,000 row-v2 changes of a 10-column table (bigint handle,
 * int, bigint, tinyint, two varchars, decimal(12,2), datetime(6), timestamp, double) mounted into
 * row changes per invocation.
 *
 * <ul>
 *   <li>{@code insert}: a new value only;
 *   <li>{@code update}: new and old value, both decoded.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MounterBenchmark {
  private static final long TABLE = 60;
  private static final int ROWS = 10_000;

  @Param({"insert", "update"})
  public String change;

  private Mounter mounter;
  private RawKvEvent[] events;

  private static FieldType t(int tp, int flen, int decimal) {
    return FieldType.of(tp).withLength(flen, decimal);
  }

  private static TableInfo table() {
    List<ColumnInfo> cols =
        List.of(
            column(1, "id", 0, Fixtures.pk(Fixtures.bigint())),
            column(2, "k", 1, Fixtures.intType()),
            column(3, "owner", 2, Fixtures.bigint()),
            column(4, "flag", 3, t(MysqlType.TINY, 4, 0)),
            column(5, "name", 4, Fixtures.varchar(64, "utf8mb4_bin")),
            column(6, "pad", 5, Fixtures.varchar(120, "utf8mb4_general_ci")),
            column(7, "amount", 6, t(MysqlType.NEWDECIMAL, 12, 2)),
            column(8, "created", 7, t(MysqlType.DATETIME, 26, 6)),
            column(9, "updated", 8, t(MysqlType.TIMESTAMP, 19, 0)),
            column(10, "score", 9, t(MysqlType.DOUBLE, 22, -1)));
    return TableInfo.builder(TABLE, "orders").columns(cols).pkIsHandle().build();
  }

  private static byte[] row(long id, Random rnd) {
    return RowV2.encode(
        List.of(
            new Cell(2, new ColumnValue.Int(rnd.nextInt(1_000_000))),
            new Cell(3, new ColumnValue.Int(rnd.nextLong())),
            new Cell(4, new ColumnValue.Int(rnd.nextInt(2))),
            new Cell(5, ColumnValue.Bytes.utf8("customer-" + id)),
            new Cell(
                6, ColumnValue.Bytes.utf8("%0120d".formatted(rnd.nextLong() & Long.MAX_VALUE))),
            new Cell(
                7, new ColumnValue.Decimal(BigDecimal.valueOf(rnd.nextInt(100_000_000), 2), 12, 2)),
            new Cell(
                8,
                new ColumnValue.Time(
                    new MysqlTime(2026, 11, 21, 6, (int) (id % 60), 5, rnd.nextInt(1_000_000)),
                    MysqlType.DATETIME,
                    6)),
            new Cell(
                9,
                new ColumnValue.Time(
                    new MysqlTime(2026, 11, 21, 7, 0, (int) (id % 60), 0), MysqlType.TIMESTAMP, 0)),
            new Cell(10, new ColumnValue.Float64(rnd.nextDouble()))));
  }

  @Setup(Level.Trial)
  public void setup() {
    SchemaStorage schema =
        new SchemaStorage(
            SchemaSnapshot.of(100, 1, List.of(db(2, "app")), Map.of(2L, List.of(table()))));
    schema.advanceResolvedTs(10_000);
    mounter = new Mounter(schema, MounterConfig.defaults());
    Random rnd = new Random(1);
    events = new RawKvEvent[ROWS];
    for (int i = 0; i < ROWS; i++) {
      byte[] old = change.equals("update") ? row(i, rnd) : new byte[0];
      events[i] =
          new RawKvEvent(
              OpType.PUT,
              Bytes.copyOf(TableKeys.recordKey(TABLE, i)),
              Bytes.copyOf(row(i, rnd)),
              Bytes.copyOf(old),
              1000,
              1005,
              1);
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void mount(Blackhole bh) throws MountException {
    for (RawKvEvent e : events) {
      bh.consume(mounter.mount(e));
    }
  }
}
