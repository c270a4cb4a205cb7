package io.tidb.cdc.tidb.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTest {

  // A finished CREATE TABLE job in TiDB's JSON layout (field names from pkg/meta/model/job.go;
  // HistoryInfo has no JSON tags, so its fields are the Go names). Hand-written.
  private static final String CREATE_TABLE_JOB =
      """
      {"id":83,"type":3,"schema_id":2,"table_id":82,"schema_name":"test","table_name":"t1",\
      "state":6,"warning":null,"err":null,"err_count":0,"row_count":0,"raw_args":null,\
      "schema_state":5,"snapshot_ver":0,"real_start_ts":449912392116387841,\
      "start_ts":449912392116125697,"dependency_id":0,"query":"create table t1 (a int primary key)",\
      "binlog":{"SchemaVersion":51,"DBInfo":null,"TableInfo":{"id":82,"name":{"O":"t1","L":"t1"},\
      "cols":[],"pk_is_handle":true,"state":5},"FinishedTS":449912392129232897,\
      "MultipleTableInfos":null},"version":1,"reorg_meta":null,"multi_schema_info":null,\
      "priority":0,"seq_num":12,"charset":"utf8mb4","collate":"utf8mb4_bin","admin_operator":0,\
      "trace_info":{"connection_id":3,"session_alias":""},"bdr_role":"","cdc_write_source":0,\
      "local_mode":false,"sql_mode":1436549152}""";

  @Test
  void readsAFinishedJob() {
    Job job = MetaJson.readJob(CREATE_TABLE_JOB.getBytes(StandardCharsets.UTF_8));
    assertThat(job.actionType()).contains(ActionType.CREATE_TABLE);
    assertThat(job.jobState()).isEqualTo(JobState.SYNCED);
    assertThat(job.isDoneOrSynced()).isTrue();
    assertThat(job.binlog().schemaVersion()).isEqualTo(51);
    assertThat(job.binlog().finishedTs()).isEqualTo(449912392129232897L);
    assertThat(job.binlog().tableInfo().pkIsHandle()).isTrue();
    assertThat(job.startTs()).isEqualTo(449912392116125697L);
    assertThat(job.rawArgs() == null || job.rawArgs().isNull()).isTrue();
    assertThat(job.traceInfo().get("connection_id").asInt()).isEqualTo(3);
  }

  @Test
  void writesBinlogWithGoFieldNames() throws Exception {
    TableInfo t = TableInfo.builder(82, "t1").build();
    Job job =
        Job.finished(
            83,
            ActionType.CREATE_TABLE,
            2,
            82,
            "test",
            "t1",
            "create table t1 (a int)",
            100,
            HistoryInfo.ofTable(51, t, 101));
    JsonNode tree = MetaJson.mapper().readTree(MetaJson.write(job));
    assertThat(tree.get("type").asInt()).isEqualTo(3);
    assertThat(tree.get("state").asInt()).isEqualTo(6);
    assertThat(tree.get("schema_state").asInt()).isEqualTo(5);
    assertThat(tree.get("binlog").get("SchemaVersion").asLong()).isEqualTo(51);
    assertThat(tree.get("binlog").get("FinishedTS").asLong()).isEqualTo(101);
    assertThat(tree.get("binlog").get("TableInfo").get("id").asLong()).isEqualTo(82);
    assertThat(tree.has("session_vars")).isFalse();
    assertThat(tree.has("involving_schema_info")).isFalse();
    assertThat(MetaJson.readJob(MetaJson.write(job))).isEqualTo(job);
  }

  @Test
  void actionAndStateCodesMatchTidb() {
    // pkg/meta/model/job.go.
    assertThat(ActionType.CREATE_SCHEMA.code()).isEqualTo(1);
    assertThat(ActionType.DROP_SCHEMA.code()).isEqualTo(2);
    assertThat(ActionType.ADD_COLUMN.code()).isEqualTo(5);
    assertThat(ActionType.TRUNCATE_TABLE.code()).isEqualTo(11);
    assertThat(ActionType.RENAME_TABLE.code()).isEqualTo(14);
    assertThat(ActionType.EXCHANGE_TABLE_PARTITION.code()).isEqualTo(42);
    assertThat(ActionType.CREATE_TABLES.code()).isEqualTo(60);
    assertThat(ActionType.MULTI_SCHEMA_CHANGE.code()).isEqualTo(61);
    assertThat(ActionType.ALTER_TTL_REMOVE.code()).isEqualTo(67);
    assertThat(ActionType.of(66)).isEmpty();
    assertThat(JobState.of(6)).isEqualTo(JobState.SYNCED);
    assertThat(JobState.QUEUEING.code()).isEqualTo(8);
    assertThat(SchemaState.of(5)).isEqualTo(SchemaState.PUBLIC);
    assertThat(SchemaState.GLOBAL_TXN_ONLY.code()).isEqualTo(7);
  }

  @Test
  void schemaDiffRoundTrip() throws Exception {
    SchemaDiff d = SchemaDiff.of(52, ActionType.TRUNCATE_TABLE, 2, 90);
    JsonNode tree = MetaJson.mapper().readTree(MetaJson.write(d));
    assertThat(tree.get("type").asInt()).isEqualTo(11);
    assertThat(tree.has("sub_action_types")).isFalse();
    assertThat(tree.has("read_table_from_meta")).isFalse();
    assertThat(tree.has("affected_options")).isTrue();
    assertThat(MetaJson.readSchemaDiff(MetaJson.write(d))).isEqualTo(d);
    SchemaDiff multi =
        new SchemaDiff(
            53,
            47,
            2,
            0,
            List.of(14, 14),
            0,
            0,
            false,
            false,
            List.of(new SchemaDiff.AffectedOption(3, 91, 0, 2)));
    assertThat(MetaJson.readSchemaDiff(MetaJson.write(multi))).isEqualTo(multi);
  }
}
