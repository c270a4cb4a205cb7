package io.tidb.cdc.worker.schema;

import static io.tidb.cdc.worker.schema.Fixtures.column;
import static io.tidb.cdc.worker.schema.Fixtures.db;
import static io.tidb.cdc.worker.schema.Fixtures.intPkTable;
import static io.tidb.cdc.worker.schema.Fixtures.intType;
import static io.tidb.cdc.worker.schema.Fixtures.pk;
import static io.tidb.cdc.worker.schema.Fixtures.tableJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.key.MetaKeys;
import io.tidb.cdc.tidb.key.StructureKeys;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.Job;
import io.tidb.cdc.tidb.meta.JobState;
import io.tidb.cdc.tidb.meta.MetaJson;
import io.tidb.cdc.tidb.meta.SystemTableIds;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.Cell;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.row.RowV1;
import io.tidb.cdc.tidb.row.RowV2;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DdlJobParserTest {
  static final long JOB_TABLE = SystemTableIds.DDL_JOB_TABLE_ID;
  static final long HISTORY_TABLE = SystemTableIds.DDL_HISTORY_TABLE_ID;

  /**
   * {@code mysql.tidb_ddl_job} as TiDB creates it: job_id bigint not null primary key, reorg int,
   * schema_ids text, table_ids text, job_meta longblob, type int, processing int.
   */
  static TableInfo ddlJobTable() {
    FieldType text =
        FieldType.of(MysqlType.BLOB).withLength(65535, 0).withCharset("utf8mb4", "utf8mb4_bin");
    FieldType blob = FieldType.of(MysqlType.LONG_BLOB);
    return TableInfo.builder(JOB_TABLE, "tidb_ddl_job")
        .columns(
            List.of(
                column(1, "job_id", 0, pk(Fixtures.bigint())),
                column(2, "reorg", 1, intType()),
                column(3, "schema_ids", 2, text),
                column(4, "table_ids", 3, text),
                column(5, "job_meta", 4, blob),
                column(6, "type", 5, intType()),
                column(7, "processing", 6, intType())))
        .pkIsHandle()
        .build();
  }

  /** {@code mysql.tidb_ddl_history}: job_id, job_meta, db_name, table_name, ..., create_time. */
  static TableInfo ddlHistoryTable() {
    FieldType blob = FieldType.of(MysqlType.LONG_BLOB);
    FieldType name =
        FieldType.of(MysqlType.STRING).withLength(64, 0).withCharset("utf8mb4", "utf8mb4_bin");
    return TableInfo.builder(HISTORY_TABLE, "tidb_ddl_history")
        .columns(
            List.of(
                column(1, "job_id", 0, pk(Fixtures.bigint())),
                column(2, "job_meta", 1, blob),
                column(3, "db_name", 2, name),
                column(4, "table_name", 3, name)))
        .pkIsHandle()
        .build();
  }

  /** A schema with the mysql system tables and database {@code app} (id 2). */
  static SchemaSnapshot systemSnapshot(long ts) {
    return SchemaSnapshot.of(
        ts,
        10,
        List.of(db(1, "mysql"), db(2, "app")),
        Map.of(1L, List.of(ddlJobTable(), ddlHistoryTable()), 2L, List.of()));
  }

  /** The row TiDB writes into tidb_ddl_job for {@code job} (row format v2). */
  static RawKvEvent jobRow(Job job, long startTs, long commitTs) {
    byte[] value =
        RowV2.encode(
            List.of(
                new Cell(2, new ColumnValue.Int(0)),
                new Cell(3, ColumnValue.Bytes.utf8(String.valueOf(job.schemaId()))),
                new Cell(4, ColumnValue.Bytes.utf8(String.valueOf(job.tableId()))),
                new Cell(5, new ColumnValue.Bytes(MetaJson.write(job))),
                new Cell(6, new ColumnValue.Int(job.type())),
                new Cell(7, new ColumnValue.Int(1))));
    return put(TableKeys.recordKey(JOB_TABLE, job.id()), value, startTs, commitTs);
  }

  static RawKvEvent put(byte[] key, byte[] value, long startTs, long commitTs) {
    return new RawKvEvent(
        OpType.PUT, Bytes.copyOf(key), Bytes.copyOf(value), Bytes.EMPTY, startTs, commitTs, 1);
  }

  private final DdlJobParser parser = DdlJobParser.forSnapshot(systemSnapshot(100));

  private static Job createOrders(long version) {
    return tableJob(7, ActionType.CREATE_TABLE, 2, 70, intPkTable(70, "orders"), version, 0);
  }

  @Test
  void aDoneJobRowIsAJobFinishedAtItsCommitTs() {
    Job done = createOrders(11).withState(JobState.DONE);

    Optional<DdlJob> parsed = parser.parse(jobRow(done, 190, 200));

    assertThat(parsed).isPresent();
    assertThat(parsed.get().finishedTs()).isEqualTo(200);
    assertThat(parsed.get().source()).isEqualTo(DdlJob.Source.DDL_JOB_TABLE);
    assertThat(parsed.get().action()).contains(ActionType.CREATE_TABLE);
    assertThat(parsed.get().binlog().tableInfo().name().original()).isEqualTo("orders");
  }

  @Test
  void aRunningJobOrADeletedRowIsNoJob() {
    Job running = createOrders(11).withState(JobState.RUNNING);
    assertThat(parser.parse(jobRow(running, 150, 160))).isEmpty();

    RawKvEvent delete =
        new RawKvEvent(
            OpType.DELETE,
            Bytes.copyOf(TableKeys.recordKey(JOB_TABLE, 7)),
            Bytes.EMPTY,
            Bytes.EMPTY,
            210,
            220,
            1);
    assertThat(parser.parse(delete)).isEmpty();
  }

  @Test
  void aRowInFormatV1DecodesToo() {
    Job done = createOrders(11).withState(JobState.DONE);
    byte[] v1 = RowV1.encode(List.of(new Cell(5, new ColumnValue.Bytes(MetaJson.write(done)))));
    assertThat(parser.parse(put(TableKeys.recordKey(JOB_TABLE, 7), v1, 1, 2))).isPresent();
  }

  @Test
  void historyRowsCountOnlyForCreateTable() {
    Job synced = createOrders(11); // Job.finished is synced
    byte[] row = RowV2.encode(List.of(new Cell(2, new ColumnValue.Bytes(MetaJson.write(synced)))));
    Optional<DdlJob> parsed =
        parser.parse(put(TableKeys.recordKey(HISTORY_TABLE, 7), row, 300, 310));
    assertThat(parsed).get().extracting(DdlJob::source).isEqualTo(DdlJob.Source.DDL_HISTORY_TABLE);
    assertThat(parsed.get().finishedTs()).isEqualTo(310);

    Job drop = tableJob(8, ActionType.DROP_TABLE, 2, 70, null, 12, 0);
    byte[] dropRow =
        RowV2.encode(List.of(new Cell(2, new ColumnValue.Bytes(MetaJson.write(drop)))));
    assertThat(parser.parse(put(TableKeys.recordKey(HISTORY_TABLE, 8), dropRow, 300, 320)))
        .isEmpty();
  }

  @Test
  void legacyMetaJobQueueAndHistory() {
    DdlJobParser legacy = DdlJobParser.metaKeysOnly();
    Job done = createOrders(11).withState(JobState.DONE);
    byte[] listKey =
        StructureKeys.META.listDataKey(MetaKeys.DDL_JOB_LIST.getBytes(StandardCharsets.UTF_8), 0);
    Optional<DdlJob> fromList = legacy.parse(put(listKey, MetaJson.write(done), 1, 50));
    assertThat(fromList).get().extracting(DdlJob::source).isEqualTo(DdlJob.Source.META_JOB_LIST);
    assertThat(fromList.get().finishedTs()).isEqualTo(50);

    Optional<DdlJob> fromHistory =
        legacy.parse(put(MetaKeys.historyJobKey(7), MetaJson.write(createOrders(11)), 1, 60));
    assertThat(fromHistory).get().extracting(DdlJob::source).isEqualTo(DdlJob.Source.META_HISTORY);

    Job queued = createOrders(11).withState(JobState.QUEUEING);
    assertThat(legacy.parse(put(listKey, MetaJson.write(queued), 1, 40))).isEmpty();
    assertThat(
            legacy.parse(
                put(MetaKeys.schemaVersionKey(), "12".getBytes(StandardCharsets.UTF_8), 1, 40)))
        .isEmpty();
    assertThat(legacy.watchedSpans()).hasSize(1);
  }

  @Test
  void corruptJobJsonNamesTheKeyAndTable() {
    byte[] value = RowV2.encode(List.of(new Cell(5, ColumnValue.Bytes.utf8("{\"id\": tru"))));
    byte[] key = TableKeys.recordKey(JOB_TABLE, 9);
    assertThatThrownBy(() -> parser.parse(put(key, value, 1, 2)))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining(java.util.HexFormat.of().formatHex(key))
        .hasMessageContaining("tidb_ddl_job holds no valid job JSON");
  }

  @Test
  void aDoneJobWithoutBinlogInfoNamesTheKey() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        MetaJson.mapper().valueToTree(createOrders(11).withState(JobState.DONE));
    tree.putNull("binlog");
    Job noBinlog = MetaJson.mapper().treeToValue(tree, Job.class);
    RawKvEvent row = jobRow(noBinlog, 1, 2);
    assertThatThrownBy(() -> parser.parse(row))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining(row.key().toString())
        .hasMessageContaining("carries no binlog info");
  }

  @Test
  void watchesTheRecordSpansOfBothTables() {
    assertThat(parser.watchedSpans())
        .extracting(s -> s.start())
        .containsExactly(
            Bytes.copyOf(TableKeys.recordPrefix(JOB_TABLE)),
            Bytes.copyOf(TableKeys.recordPrefix(HISTORY_TABLE)));
  }

  @Test
  void aSnapshotWithoutTheJobTableIsRefused() {
    SchemaSnapshot old = SchemaSnapshot.of(5, 1, List.of(db(1, "mysql")), Map.of());
    assertThatThrownBy(() -> DdlJobParser.forSnapshot(old))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("mysql.tidb_ddl_job");
  }

  @Test
  void parsedJobsDriveTheSchemaStorage() {
    SchemaStorage storage = new SchemaStorage(systemSnapshot(100));
    // TiDB rewrites the job row at each state; only the done write yields a job.
    for (JobState state : List.of(JobState.QUEUEING, JobState.RUNNING, JobState.DONE)) {
      parser
          .parse(jobRow(createOrders(11).withState(state), 150, 150 + state.code()))
          .ifPresent(storage::apply);
    }
    // The synced copy in tidb_ddl_history arrives later and is a duplicate.
    byte[] historyRow =
        RowV2.encode(List.of(new Cell(2, new ColumnValue.Bytes(MetaJson.write(createOrders(11))))));
    ApplyResult dup =
        storage.apply(
            parser
                .parse(put(TableKeys.recordKey(HISTORY_TABLE, 7), historyRow, 170, 171))
                .orElseThrow());

    assertThat(dup).isInstanceOf(ApplyResult.Skipped.class);
    assertThat(storage.schemaAt(153).table("app", "orders")).isEmpty();
    assertThat(storage.schemaAt(154).table("app", "orders")).isPresent();
  }
}
