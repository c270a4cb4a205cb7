package io.tidb.cdc.worker.mounter;

import static io.tidb.cdc.worker.mounter.Changes.i;
import static io.tidb.cdc.worker.mounter.Changes.row;
import static io.tidb.cdc.worker.mounter.Changes.rowV2;
import static io.tidb.cdc.worker.mounter.Changes.s;
import static io.tidb.cdc.worker.schema.Fixtures.column;
import static io.tidb.cdc.worker.schema.Fixtures.db;
import static io.tidb.cdc.worker.schema.Fixtures.intPkTable;
import static io.tidb.cdc.worker.schema.Fixtures.intType;
import static io.tidb.cdc.worker.schema.Fixtures.notNull;
import static io.tidb.cdc.worker.schema.Fixtures.partitioned;
import static io.tidb.cdc.worker.schema.Fixtures.tableJob;
import static io.tidb.cdc.worker.schema.Fixtures.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.key.IndexKeys;
import io.tidb.cdc.tidb.key.MetaKeys;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.schema.DdlJob;
import io.tidb.cdc.worker.schema.SchemaNotResolvedException;
import io.tidb.cdc.worker.schema.SchemaSnapshot;
import io.tidb.cdc.worker.schema.SchemaStorage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schema at the commit ts decides: added columns, dropped and truncated tables, partitions. */
class MounterSchemaTest {
  private static final ColumnInfo NAME = column(2, "name", 1, varchar(32, "utf8mb4_bin"));
  private SchemaStorage schema;
  private Mounter mounter;

  @BeforeEach
  void start() {
    TableInfo noKey =
        TableInfo.builder(65, "log")
            .columns(List.of(column(1, "msg", 0, varchar(8, "utf8mb4_bin"))))
            .build();
    schema =
        new SchemaStorage(
            SchemaSnapshot.of(
                100,
                1,
                List.of(db(2, "app")),
                Map.of(
                    2L,
                    List.of(
                        intPkTable(60, "users", NAME),
                        noKey,
                        partitioned(intPkTable(80, "events"), 81, 82)))));
    mounter = new Mounter(schema, MounterConfig.defaults());
  }

  /** No more DDL below ts 10000: rows up to there can be mounted. */
  private void ready() {
    schema.advanceResolvedTs(10_000);
  }

  /** ALTER TABLE users ADD COLUMN ... for several kinds of default, finished at ts 200. */
  private void addColumns() {
    List<ColumnInfo> cols = new ArrayList<>(intPkTable(60, "users", NAME).columns());
    cols.add(column(3, "age", 2, intType()).withDefault("18"));
    cols.add(column(4, "nick", 3, varchar(8, "utf8mb4_bin")));
    cols.add(column(5, "score", 4, notNull(intType())));
    cols.add(
        column(
            6,
            "kind",
            5,
            notNull(FieldType.of(MysqlType.ENUM).withElems(List.of("basic", "pro")))));
    cols.add(
        column(7, "joined", 6, FieldType.of(MysqlType.DATETIME).withLength(19, 0))
            .withDefault("2020-01-02 03:04:05"));
    cols.add(
        column(8, "ratio", 7, FieldType.of(MysqlType.NEWDECIMAL).withLength(6, 3))
            .withDefault("1.5"));
    cols.add(
        column(9, "tags", 8, FieldType.of(MysqlType.SET).withElems(List.of("a", "b", "c")))
            .withDefault("a,c"));
    cols.add(
        column(10, "span", 9, FieldType.of(MysqlType.DURATION).withLength(10, 0))
            .withDefault("-838:59:59"));
    TableInfo users = TableInfo.builder(60, "users").columns(cols).pkIsHandle().build();
    schema.apply(DdlJob.of(tableJob(1, ActionType.ADD_COLUMN, 2, 60, users, 2, 200)));
  }

  @Test
  void columnsAddedAfterTheRowWasWrittenTakeTheirDefaults() throws Exception {
    addColumns();
    ready();
    byte[] oldRow = rowV2(2, s("ann"));

    RowChange r = row(mounter.mount(Changes.insert(60, 1, oldRow, 300)));

    assertThat(r.columns())
        .extracting(Column::value)
        .containsExactly(
            i(1),
            s("ann"),
            i(18),
            ColumnValue.Null.INSTANCE,
            i(0),
            new ColumnValue.Enum(1, "basic"),
            new ColumnValue.Time(new MysqlTime(2020, 1, 2, 3, 4, 5, 0), MysqlType.DATETIME, 0),
            new ColumnValue.Decimal(new BigDecimal("1.500"), 6, 3),
            new ColumnValue.Set(5, "a,c"),
            new ColumnValue.Duration(-(838L * 3600 + 59 * 60 + 59) * 1_000_000_000L, 0));
    // An update of such a row: the old image gets the same defaults, the new one its values.
    RowChange u =
        row(
            mounter.mount(
                Changes.put(
                    TableKeys.recordKey(60, 1), rowV2(2, s("ann"), 3, i(30)), oldRow, 310)));
    assertThat(u.preColumn("age").orElseThrow().value()).isEqualTo(i(18));
    assertThat(u.column("age").orElseThrow().value()).isEqualTo(i(30));
  }

  @Test
  void aRowCommittedAtTheDdlTsUsesTheSchemaBeforeIt() throws Exception {
    addColumns();
    ready();
    // Async commit: a DML may share its commit ts with the DDL's finished ts.
    assertThat(row(mounter.mount(Changes.insert(60, 1, rowV2(2, s("x")), 200))).columns())
        .hasSize(2);
    assertThat(row(mounter.mount(Changes.insert(60, 1, rowV2(2, s("x")), 201))).columns())
        .hasSize(10);
  }

  @Test
  void aDefaultThatDoesNotFitIsAClearError() {
    List<ColumnInfo> cols = new ArrayList<>(intPkTable(60, "users", NAME).columns());
    cols.add(column(3, "age", 2, intType()).withDefault("eighteen"));
    schema.apply(
        DdlJob.of(
            tableJob(
                1,
                ActionType.ADD_COLUMN,
                2,
                60,
                TableInfo.builder(60, "users").columns(cols).pkIsHandle().build(),
                2,
                200)));
    ready();

    assertThatThrownBy(() -> mounter.mount(Changes.insert(60, 1, rowV2(2, s("ann")), 300)))
        .isInstanceOf(MountException.class)
        .hasMessageContaining("table id 60 (app.users)")
        .hasMessageContaining("column age")
        .hasMessageContaining("eighteen");
  }

  @Test
  void keysThatAreNoRowsAreSkipped() throws Exception {
    ready();
    byte[] indexKey = IndexKeys.seekKey(60, 1, List.of(new io.tidb.cdc.tidb.codec.Datum.Int(5)));
    MountResult idx = mounter.mount(Changes.put(indexKey, new byte[] {'0'}, new byte[0], 150));
    assertThat(idx)
        .isEqualTo(new MountResult.Skip(SkipReason.INDEX_KEY, "index entry of table 60"));

    MountResult meta =
        mounter.mount(Changes.put(MetaKeys.schemaVersionKey(), "3".getBytes(), new byte[0], 150));
    assertThat(((MountResult.Skip) meta).reason()).isEqualTo(SkipReason.NOT_A_RECORD_KEY);
  }

  @Test
  void rowsOfTablesNotInTheSchemaAreSkippedWithTheReason() throws Exception {
    schema.apply(
        DdlJob.of(
            tableJob(1, ActionType.TRUNCATE_TABLE, 2, 60, intPkTable(61, "users", NAME), 2, 200)));
    schema.apply(DdlJob.of(tableJob(2, ActionType.DROP_TABLE, 2, 61, null, 3, 300)));
    ready();

    MountResult truncated = mounter.mount(Changes.insert(60, 1, rowV2(2, s("late")), 250));
    assertThat(((MountResult.Skip) truncated).reason()).isEqualTo(SkipReason.TABLE_TRUNCATED);
    MountResult dropped = mounter.mount(Changes.insert(61, 1, rowV2(2, s("late")), 350));
    MountResult.Skip skip = (MountResult.Skip) dropped;
    assertThat(skip.reason()).isEqualTo(SkipReason.TABLE_NOT_IN_SCHEMA);
    assertThat(skip.detail()).contains("table id 61").contains("commit ts 350");
    // Before the drop, the new ID was a live table.
    assertThat(mounter.mount(Changes.insert(61, 1, rowV2(2, s("ok")), 250)))
        .isInstanceOf(MountResult.Row.class);
  }

  @Test
  void tablesWithoutKeyAreSkippedUnlessForced() throws Exception {
    ready();
    var event = Changes.insert(65, 1, rowV2(1, s("hi")), 150);
    assertThat(((MountResult.Skip) mounter.mount(event)).reason())
        .isEqualTo(SkipReason.TABLE_INELIGIBLE);

    Mounter forced =
        new Mounter(
            schema,
            new MounterConfig(
                OldValueMode.WITH_OLD_VALUE, MounterConfig.IneligibleTables.REPLICATE));
    RowChange r = row(forced.mount(event));
    assertThat(r.columns()).extracting(Column::value).containsExactly(s("hi"));
    assertThat(r.table().handleKeyColumns()).isEmpty();
  }

  @Test
  void aPartitionRowNamesThePartitionAndTheTable() throws Exception {
    ready();
    RowChange r = row(mounter.mount(Changes.insert(82, 9, rowV2(), 150)));
    assertThat(r.physicalTableId()).isEqualTo(82);
    assertThat(r.tableId()).isEqualTo(80);
    assertThat(r.isPartition()).isTrue();
    assertThat(r.tableName()).isEqualTo("events");
  }

  @Test
  void aCorruptValueNamesTableKeyAndProblem() {
    ready();
    byte[] key = TableKeys.recordKey(60, 1);
    // A row v2 header that promises more data than there is.
    byte[] truncated = {(byte) 128, 0, 1, 0, 0, 0, 2, 50, 0};

    assertThatThrownBy(() -> mounter.mount(Changes.put(key, truncated, new byte[0], 150)))
        .isInstanceOf(MountException.class)
        .hasMessageContaining("table id 60 (app.users)")
        .hasMessageContaining(java.util.HexFormat.of().formatHex(key))
        .hasMessageContaining("row format V2")
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> mounter.mount(Changes.put(key, new byte[0], new byte[0], 150)))
        .isInstanceOf(MountException.class)
        .hasMessageContaining("a put without a value");
  }

  @Test
  void aCorruptKeyIsAnError() {
    ready();
    byte[] key = TableKeys.recordKey(60, 1);
    byte[] bad = java.util.Arrays.copyOf(key, key.length + 3); // 11 handle bytes: not an int handle
    bad[key.length] = 99;
    RawKvEvent e =
        new RawKvEvent(
            OpType.PUT, Bytes.copyOf(bad), Bytes.copyOf(rowV2(2, s("a"))), Bytes.EMPTY, 1, 150, 1);
    assertThatThrownBy(() -> mounter.mount(e))
        .isInstanceOf(MountException.class)
        .hasMessageContaining("record key");
  }

  @Test
  void aSchemaNotResolvedYetIsReportedForRetry() throws Exception {
    assertThatThrownBy(() -> mounter.mount(Changes.insert(60, 1, rowV2(2, s("a")), 500)))
        .isInstanceOf(SchemaNotResolvedException.class);
    schema.advanceResolvedTs(499);
    assertThatThrownBy(() -> mounter.mount(Changes.insert(60, 1, rowV2(2, s("a")), 502)))
        .isInstanceOfSatisfying(
            SchemaNotResolvedException.class, e -> assertThat(e.resolvedTs()).isEqualTo(499));
    schema.advanceResolvedTs(501);
    assertThat(mounter.mount(Changes.insert(60, 1, rowV2(2, s("a")), 502)))
        .isInstanceOf(MountResult.Row.class);
  }
}
