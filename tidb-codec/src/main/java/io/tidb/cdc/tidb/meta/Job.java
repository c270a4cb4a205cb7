package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A DDL job ({@code model.Job}) with TiDB's JSON field names: the {@code job_meta} of {@code
 * mysql.tidb_ddl_job} / {@code tidb_ddl_history} rows and the values of the old history hash.
 * {@code type} is an {@link ActionType} code, {@code state} a {@link JobState} code, {@code
 * schema_state} a {@link SchemaState} code. Job arguments stay raw JSON: an array for job version
 * 1, an object for version 2.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Job(
    @JsonProperty("id") long id,
    @JsonProperty("type") int type,
    @JsonProperty("schema_id") long schemaId,
    @JsonProperty("table_id") long tableId,
    @JsonProperty("schema_name") String schemaName,
    @JsonProperty("table_name") String tableName,
    @JsonProperty("state") int state,
    @JsonProperty("warning") JsonNode warning,
    @JsonProperty("err") JsonNode error,
    @JsonProperty("err_count") long errorCount,
    @JsonProperty("row_count") long rowCount,
    @JsonProperty("raw_args") JsonNode rawArgs,
    @JsonProperty("schema_state") int schemaState,
    @JsonProperty("snapshot_ver") long snapshotVer,
    @JsonProperty("real_start_ts") long realStartTs,
    @JsonProperty("start_ts") long startTs,
    @JsonProperty("dependency_id") long dependencyId,
    @JsonProperty("query") String query,
    @JsonProperty("binlog") HistoryInfo binlog,
    @JsonProperty("version") long version,
    @JsonProperty("reorg_meta") JsonNode reorgMeta,
    @JsonProperty("multi_schema_info") JsonNode multiSchemaInfo,
    @JsonProperty("priority") int priority,
    @JsonProperty("seq_num") long seqNum,
    @JsonProperty("charset") String charset,
    @JsonProperty("collate") String collate,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("involving_schema_info")
        JsonNode involvingSchemaInfo,
    @JsonProperty("admin_operator") int adminOperator,
    @JsonProperty("trace_info") JsonNode traceInfo,
    @JsonProperty("bdr_role") String bdrRole,
    @JsonProperty("cdc_write_source") long cdcWriteSource,
    @JsonProperty("local_mode") boolean localMode,
    @JsonProperty("sql_mode") long sqlMode,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("session_vars")
        Map<String, String> sessionVars,
    @JsonProperty("last_schema_version") long lastSchemaVersion) {

  public Job {
    warning = RawJson.orNull(warning);
    error = RawJson.orNull(error);
    rawArgs = RawJson.orNull(rawArgs);
    reorgMeta = RawJson.orNull(reorgMeta);
    multiSchemaInfo = RawJson.orNull(multiSchemaInfo);
    involvingSchemaInfo = RawJson.orNull(involvingSchemaInfo);
    traceInfo = RawJson.orNull(traceInfo);
  }

  /** {@code JobVersion1}: args are a JSON array; every TiDB before v8.4 writes this. */
  public static final long JOB_VERSION_1 = 1;

  /** {@code JobVersion2}: args are one typed JSON object. */
  public static final long JOB_VERSION_2 = 2;

  /**
   * A finished ({@code synced}) job as TiDB moves it to history: the action, target, query and the
   * binlog with the resulting schema version and info.
   */
  public static Job finished(
      long id,
      ActionType type,
      long schemaId,
      long tableId,
      String schemaName,
      String tableName,
      String query,
      long startTs,
      HistoryInfo binlog) {
    return new Job(
        id,
        type.code(),
        schemaId,
        tableId,
        schemaName,
        tableName,
        JobState.SYNCED.code(),
        null,
        null,
        0,
        0,
        null,
        SchemaState.PUBLIC.code(),
        0,
        startTs,
        startTs,
        0,
        query,
        binlog,
        JOB_VERSION_1,
        null,
        null,
        0,
        0,
        "utf8mb4",
        "utf8mb4_bin",
        null,
        0,
        null,
        "",
        0,
        false,
        0,
        null,
        0);
  }

  /** The action, empty for codes this build does not know. */
  @JsonIgnore
  public Optional<ActionType> actionType() {
    return ActionType.of(type);
  }

  @JsonIgnore
  public JobState jobState() {
    return JobState.of(state);
  }

  /** Done or synced: the schema change took effect ({@code IsDone || IsSynced}). */
  @JsonIgnore
  public boolean isDoneOrSynced() {
    return state == JobState.DONE.code() || state == JobState.SYNCED.code();
  }

  public Job withState(JobState newState) {
    return new Job(
        id,
        type,
        schemaId,
        tableId,
        schemaName,
        tableName,
        newState.code(),
        warning,
        error,
        errorCount,
        rowCount,
        rawArgs,
        schemaState,
        snapshotVer,
        realStartTs,
        startTs,
        dependencyId,
        query,
        binlog,
        version,
        reorgMeta,
        multiSchemaInfo,
        priority,
        seqNum,
        charset,
        collate,
        involvingSchemaInfo,
        adminOperator,
        traceInfo,
        bdrRole,
        cdcWriteSource,
        localMode,
        sqlMode,
        sessionVars,
        lastSchemaVersion);
  }

  public Job withRawArgs(JsonNode newRawArgs) {
    return new Job(
        id,
        type,
        schemaId,
        tableId,
        schemaName,
        tableName,
        state,
        warning,
        error,
        errorCount,
        rowCount,
        newRawArgs,
        schemaState,
        snapshotVer,
        realStartTs,
        startTs,
        dependencyId,
        query,
        binlog,
        version,
        reorgMeta,
        multiSchemaInfo,
        priority,
        seqNum,
        charset,
        collate,
        involvingSchemaInfo,
        adminOperator,
        traceInfo,
        bdrRole,
        cdcWriteSource,
        localMode,
        sqlMode,
        sessionVars,
        lastSchemaVersion);
  }
}
