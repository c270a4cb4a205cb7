package io.tidb.cdc.worker.schema;

import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.key.MetaKeys;
import io.tidb.cdc.tidb.key.StructureKey;
import io.tidb.cdc.tidb.key.StructureKeys;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.Job;
import io.tidb.cdc.tidb.meta.JobState;
import io.tidb.cdc.tidb.meta.MetaJson;
import io.tidb.cdc.tidb.row.ColumnSpec;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.row.DecodedRow;
import io.tidb.cdc.tidb.row.RowDecoder;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import java.util.List;
import java.util.Optional;

/**
 * Turns raw changes of TiDB's DDL tables into finished DDL jobs, as TiCDC's DDL puller does.
 *
 * <ul>
 *   <li>{@code mysql.tidb_ddl_job}: a job row is rewritten at every state change; the write that
 *       sets state {@code done} is the one that counts, and its commit ts is the job's finished ts.
 *   <li>{@code mysql.tidb_ddl_history}: only synced CREATE TABLE / CREATE TABLES jobs are taken
 *       (with fast create table they never pass through {@code tidb_ddl_job}); duplicates of jobs
 *       already seen are dropped by the schema storage by schema version.
 *   <li>Before TiDB 6.2, meta keys: the job queues {@code DDLJobList} / {@code DDLJobAddIdxList}
 *       and the history hash {@code DDLJobHistory}.
 * </ul>
 *
 * The {@code job_meta} column is found by name in the tables' infos from the schema snapshot.
 */
public final class DdlJobParser {
  static final String SYSTEM_SCHEMA = "mysql";
  static final String JOB_TABLE = "tidb_ddl_job";
  static final String HISTORY_TABLE = "tidb_ddl_history";
  static final String JOB_META_COLUMN = "job_meta";

  private static final List<String> META_JOB_LISTS =
      List.of(MetaKeys.DDL_JOB_LIST, "DDLJobAddIdxList");

  private final JobTable jobTable;
  private final JobTable historyTable;

  /** A system table holding jobs and the column its job JSON is in. */
  private record JobTable(long tableId, ColumnSpec jobMeta) {}

  private DdlJobParser(JobTable jobTable, JobTable historyTable) {
    this.jobTable = jobTable;
    this.historyTable = historyTable;
  }

  /**
   * A parser for the DDL tables of {@code snapshot} (read at the changefeed's start ts).
   *
   * @throws SchemaException when the snapshot has no {@code mysql.tidb_ddl_job} with a {@code
   *     job_meta} column (TiDB before 6.2: use {@link #metaKeysOnly()})
   */
  public static DdlJobParser forSnapshot(SchemaSnapshot snapshot) {
    JobTable jobs =
        find(snapshot, JOB_TABLE)
            .orElseThrow(
                () ->
                    new SchemaException(
                        "the schema at ts "
                            + snapshot.ts()
                            + " has no table mysql."
                            + JOB_TABLE
                            + ": TiDB before 6.2 keeps DDL jobs in meta keys only"));
    return new DdlJobParser(jobs, find(snapshot, HISTORY_TABLE).orElse(null));
  }

  /** A parser for TiDB before 6.2, which reads only the meta-key job queues and history. */
  public static DdlJobParser metaKeysOnly() {
    return new DdlJobParser(null, null);
  }

  /**
   * The raw key spans a DDL puller subscribes to for this parser: the record spans of {@code
   * tidb_ddl_job} and {@code tidb_ddl_history}, or the meta prefix for TiDB before 6.2.
   */
  public List<KeySpan> watchedSpans() {
    if (jobTable == null) {
      byte[] prefix = StructureKeys.META.prefix();
      return List.of(
          KeySpan.of(Bytes.copyOf(prefix), Bytes.copyOf(StructureKeys.prefixNext(prefix))));
    }
    return java.util.stream.Stream.of(jobTable, historyTable)
        .filter(java.util.Objects::nonNull)
        .map(t -> TableKeys.recordSpan(t.tableId()))
        .map(s -> KeySpan.of(Bytes.copyOf(s.start()), Bytes.copyOf(s.end())))
        .toList();
  }

  /**
   * The finished job this change carries, or empty when it carries none (a delete, a job not done
   * yet, a history row of another kind, a key of another table).
   *
   * @throws SchemaException when the change is a job row whose value is corrupt
   */
  public Optional<DdlJob> parse(RawKvEvent event) {
    if (event.op() != OpType.PUT) {
      return Optional.empty();
    }
    byte[] key = event.key().toByteArray();
    if (key.length > 0 && key[0] == 'm') {
      return parseMetaKey(event, key);
    }
    if (!TableKeys.isRecordKey(key)) {
      return Optional.empty();
    }
    long tableId = TableKeys.tableId(key);
    if (jobTable != null && tableId == jobTable.tableId()) {
      Job job = readJob(event, jobMeta(event, jobTable), JOB_TABLE);
      return job.isDoneOrSynced()
          ? Optional.of(finished(event, job, DdlJob.Source.DDL_JOB_TABLE))
          : Optional.empty();
    }
    if (historyTable != null && tableId == historyTable.tableId()) {
      Job job = readJob(event, jobMeta(event, historyTable), HISTORY_TABLE);
      boolean createTable =
          job.actionType()
              .filter(a -> a == ActionType.CREATE_TABLE || a == ActionType.CREATE_TABLES)
              .isPresent();
      return createTable && job.jobState() == JobState.SYNCED
          ? Optional.of(finished(event, job, DdlJob.Source.DDL_HISTORY_TABLE))
          : Optional.empty();
    }
    return Optional.empty();
  }

  private Optional<DdlJob> parseMetaKey(RawKvEvent event, byte[] key) {
    StructureKey k;
    try {
      k = StructureKeys.META.decode(key);
    } catch (CodecException e) {
      return Optional.empty(); // some other key under 'm': not a job
    }
    String name = k.keyString();
    DdlJob.Source source;
    if (k.kind() == StructureKey.Kind.LIST_DATA && META_JOB_LISTS.contains(name)) {
      source = DdlJob.Source.META_JOB_LIST;
    } else if (k.kind() == StructureKey.Kind.HASH_DATA && MetaKeys.DDL_JOB_HISTORY.equals(name)) {
      source = DdlJob.Source.META_HISTORY;
    } else {
      return Optional.empty();
    }
    Job job = readJob(event, event.value().toByteArray(), "meta " + name);
    return job.isDoneOrSynced() ? Optional.of(finished(event, job, source)) : Optional.empty();
  }

  /** A done job takes effect at the commit ts of the write that marked it done. */
  private static DdlJob finished(RawKvEvent event, Job job, DdlJob.Source source) {
    try {
      return new DdlJob(job, event.commitTs(), source);
    } catch (SchemaException e) {
      throw corrupt(event, e.getMessage(), e);
    }
  }

  private static byte[] jobMeta(RawKvEvent event, JobTable table) {
    DecodedRow row;
    try {
      row = RowDecoder.decode(event.value().toByteArray(), List.of(table.jobMeta()));
    } catch (CodecException e) {
      throw corrupt(event, "row value does not decode: " + e.getMessage(), e);
    }
    ColumnValue v = row.get(table.jobMeta().id()).orElse(ColumnValue.Null.INSTANCE);
    if (!(v instanceof ColumnValue.Bytes b)) {
      throw corrupt(event, "column " + JOB_META_COLUMN + " is " + v + ", not the job JSON", null);
    }
    return b.value();
  }

  private static Job readJob(RawKvEvent event, byte[] json, String from) {
    try {
      return MetaJson.readJob(json);
    } catch (CodecException e) {
      throw corrupt(event, from + " holds no valid job JSON: " + e.getMessage(), e);
    }
  }

  private static SchemaException corrupt(RawKvEvent event, String what, Throwable cause) {
    return new SchemaException(
        "DDL job change at key " + event.key() + " (commit ts " + event.commitTs() + "): " + what,
        cause);
  }

  private static Optional<JobTable> find(SchemaSnapshot snapshot, String table) {
    return snapshot
        .table(SYSTEM_SCHEMA, table)
        .map(
            t -> {
              ColumnInfo col =
                  t.info()
                      .column(JOB_META_COLUMN)
                      .orElseThrow(
                          () ->
                              new SchemaException(
                                  "mysql." + table + " has no column " + JOB_META_COLUMN));
              return new JobTable(t.id(), ColumnSpec.of(col));
            });
  }
}
