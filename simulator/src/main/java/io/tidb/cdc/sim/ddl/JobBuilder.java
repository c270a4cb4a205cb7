package io.tidb.cdc.sim.ddl;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidb.cdc.sim.catalog.Json;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.HistoryInfo;
import io.tidb.cdc.tidb.meta.Job;
import io.tidb.cdc.tidb.meta.JobState;
import io.tidb.cdc.tidb.meta.SchemaState;

/**
 * A DDL job as it changes through its life ({@code queueing → running → done → synced}). The field
 * defaults are those of a job TiDB v8 submits: job version 2 (typed args object), priority 0,
 * {@code utf8mb4}/{@code utf8mb4_bin}, an empty trace info, BDR role "".
 */
final class JobBuilder {
  /**
   * TiDB's default SQL mode, recorded in every job: ONLY_FULL_GROUP_BY, STRICT_TRANS_TABLES,
   * NO_ZERO_IN_DATE, NO_ZERO_DATE, ERROR_FOR_DIVISION_BY_ZERO, NO_AUTO_CREATE_USER,
   * NO_ENGINE_SUBSTITUTION (bits 5, 21, 23, 24, 26, 28, 30 of {@code mysql.SQLMode}).
   */
  static final long DEFAULT_SQL_MODE =
      (1L << 5) | (1L << 21) | (1L << 23) | (1L << 24) | (1L << 26) | (1L << 28) | (1L << 30);

  long id;
  ActionType type = ActionType.NONE;
  long schemaId;
  long tableId;
  String schemaName = "";
  String tableName = "";
  JobState state = JobState.QUEUEING;
  JsonNode rawArgs;
  SchemaState schemaState = SchemaState.NONE;
  long realStartTs;
  long startTs;
  String query = "";
  HistoryInfo binlog = new HistoryInfo(0, null, null, 0, null);
  JsonNode involvingSchemaInfo;
  long seqNum;
  long rowCount;

  Job build() {
    return new Job(
        id,
        type.code(),
        schemaId,
        tableId,
        schemaName,
        tableName,
        state.code(),
        null,
        null,
        0,
        rowCount,
        rawArgs,
        schemaState.code(),
        0,
        realStartTs,
        startTs,
        0,
        query,
        binlog,
        Job.JOB_VERSION_2,
        null,
        null,
        0,
        seqNum,
        "utf8mb4",
        "utf8mb4_bin",
        involvingSchemaInfo,
        0,
        Json.object(),
        "",
        0,
        false,
        DEFAULT_SQL_MODE,
        null,
        0);
  }

  /** TiDB's {@code Job.MayNeedReorg}: jobs that backfill data. */
  boolean mayNeedReorg() {
    return type == ActionType.ADD_INDEX
        || type == ActionType.ADD_PRIMARY_KEY
        || type == ActionType.MODIFY_COLUMN;
  }
}
