package io.tidb.cdc.sim.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.catalog.Meta;
import io.tidb.cdc.sim.catalog.SystemTables;
import io.tidb.cdc.sim.mvcc.KeyState;
import io.tidb.cdc.sim.mvcc.Write;
import io.tidb.cdc.sim.mvcc.WriteType;
import io.tidb.cdc.sim.sql.SqlEngine;
import io.tidb.cdc.sim.sql.StatementResult;
import io.tidb.cdc.sim.table.TableRows;
import io.tidb.cdc.sim.txn.MvccKvStore;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.key.KeySpan;
import io.tidb.cdc.tidb.key.MetaKeys;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.Job;
import io.tidb.cdc.tidb.meta.JobState;
import io.tidb.cdc.tidb.meta.MetaJson;
import io.tidb.cdc.tidb.meta.SchemaDiff;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDL jobs in {@code mysql.tidb_ddl_job} as TiCDC's schema store reads them: the job row put in
 * state done, at the commit ts of the schema change, with the binlog's schema version and info.
 */
class DdlJobRowsTest {
  private MvccKvStore store;
  private SqlEngine engine;
  private TableInfo jobTable;
  private TableInfo historyTable;

  @BeforeEach
  void start() {
    store = MvccKvStore.inMemory();
    engine = SqlEngine.start(store);
    Meta meta = new Meta(Txn.begin(store));
    jobTable = meta.table(1, SystemTables.JOB_TABLE_ID).orElseThrow();
    historyTable = meta.table(1, SystemTables.HISTORY_TABLE_ID).orElseThrow();
  }

  /** One decoded version of a job row. */
  private record Version(Write write, Job job, long processing) {}

  private List<Version> history(long jobId) {
    byte[] key = TableRows.recordKey(jobTable, new Handle.IntHandle(jobId));
    KeyState state = store.mvcc().state(ByteString.copyFrom(key));
    List<Version> out = new ArrayList<>();
    for (int i = state.writeCount() - 1; i >= 0; i--) {
      Write w = state.write(i);
      if (w.type() == WriteType.PUT) {
        Map<Long, ColumnValue> row =
            TableRows.decode(jobTable, new Handle.IntHandle(jobId), w.value().toByteArray());
        out.add(
            new Version(
                w,
                MetaJson.readJob(bytes(row, jobTable, "job_meta")),
                ((ColumnValue.Int) row.get(col(jobTable, "processing").id())).value()));
      } else if (w.type() == WriteType.DELETE) {
        out.add(new Version(w, null, -1));
      }
    }
    return out;
  }

  @Test
  void createTableJobGoesQueueingProcessingDoneThenToHistory() {
    engine.execute("CREATE DATABASE d").orThrow();
    StatementResult r =
        engine
            .execute("CREATE TABLE d.t (id int PRIMARY KEY, v varchar(8))")
            .orThrow()
            .results()
            .get(0);
    List<Version> versions = history(r.jobId());
    assertThat(versions).hasSize(4);

    Job queued = versions.get(0).job();
    assertThat(queued.jobState()).isEqualTo(JobState.QUEUEING);
    assertThat(versions.get(0).processing()).isZero();
    assertThat(queued.actionType()).contains(ActionType.CREATE_TABLE);
    assertThat(queued.query()).isEqualTo("CREATE TABLE d.t (id int PRIMARY KEY, v varchar(8))");
    assertThat(queued.version()).isEqualTo(Job.JOB_VERSION_2);
    assertThat(queued.rawArgs().get("table_info").get("name").get("O").asText()).isEqualTo("t");
    assertThat(versions.get(1).processing()).isEqualTo(1);

    Version done = versions.get(2);
    assertThat(done.job().jobState()).isEqualTo(JobState.DONE);
    assertThat(done.write().commitTs())
        .as("the DDL's commit ts is the done row's")
        .isEqualTo(r.commitTs());
    assertThat(done.job().binlog().schemaVersion()).isEqualTo(r.schemaVersion());
    assertThat(done.job().binlog().tableInfo().name().original()).isEqualTo("t");
    assertThat(done.job().binlog().tableInfo().id()).isEqualTo(done.job().tableId());
    assertThat(done.job().schemaState()).isEqualTo(SchemaState.PUBLIC.code());
    assertThat(done.job().id())
        .as("job ID follows the table ID from the same allocation")
        .isEqualTo(done.job().tableId() + 1);
    assertThat(versions.get(3).write().type()).isEqualTo(WriteType.DELETE);

    Txn read = Txn.begin(store);
    byte[] historyKey = TableRows.recordKey(historyTable, new Handle.IntHandle(r.jobId()));
    Map<Long, ColumnValue> historyRow =
        TableRows.decode(
            historyTable, new Handle.IntHandle(r.jobId()), read.get(historyKey).orElseThrow());
    Job synced = MetaJson.readJob(bytes(historyRow, historyTable, "job_meta"));
    assertThat(synced.jobState()).isEqualTo(JobState.SYNCED);
    assertThat(synced.binlog().finishedTs()).isGreaterThan(r.commitTs());
    assertThat(new String(bytes(historyRow, historyTable, "table_name"))).isEqualTo("t");
    assertThat(new Meta(read).historyJob(r.jobId()).map(Job::jobState)).contains(JobState.SYNCED);
    SchemaDiff diff =
        MetaJson.readSchemaDiff(read.get(MetaKeys.schemaDiffKey(r.schemaVersion())).orElseThrow());
    assertThat(diff.type()).isEqualTo(ActionType.CREATE_TABLE.code());
    assertThat(diff.tableId()).isEqualTo(done.job().tableId());
  }

  @Test
  void onlineSchemaChangesStepThroughStatesWithOneVersionEach() {
    engine
        .execute(
            "CREATE DATABASE d; CREATE TABLE d.t (id int PRIMARY KEY, v int); INSERT INTO d.t VALUES (1, 5), (2, 5)")
        .orThrow();
    long before = engine.schema().version();
    StatementResult r =
        engine.execute("ALTER TABLE d.t ADD INDEX iv (v)").orThrow().results().get(0);
    assertThat(r.schemaVersion()).isEqualTo(before + 4);
    List<Version> versions = history(r.jobId());
    assertThat(versions.subList(2, 6))
        .extracting(v -> v.job().jobState() + "/" + SchemaState.of(v.job().schemaState()))
        .containsExactly(
            "RUNNING/DELETE_ONLY",
            "RUNNING/WRITE_ONLY",
            "RUNNING/WRITE_REORGANIZATION",
            "DONE/PUBLIC");
    Job done = versions.get(5).job();
    assertThat(done.rawArgs().get("index_args").get(0).get("index_id").asLong()).isEqualTo(1);
    TableInfo t = done.binlog().tableInfo();
    assertThat(t.indices())
        .singleElement()
        .satisfies(i -> assertThat(i.name().original()).isEqualTo("iv"));
    KeySpan idx = TableKeys.indexSpan(t.id(), 1);
    assertThat(
            store.scan(
                ByteString.copyFrom(idx.start()),
                ByteString.copyFrom(idx.end()),
                store.timestamp(),
                10))
        .as("backfilled entries for both rows")
        .hasSize(2);
  }

  @Test
  void aTicdcStylePullerSeesEachDdlOnceAtItsCommitTs() {
    long since = store.timestamp(); // after bootstrap's CREATE DATABASE test
    List<StatementResult> ddl =
        engine
            .execute(
                "CREATE DATABASE d; CREATE TABLE d.t (id int PRIMARY KEY); ALTER TABLE d.t ADD COLUMN c int DEFAULT 1;"
                    + "RENAME TABLE d.t TO d.u; TRUNCATE TABLE d.u; DROP TABLE d.u; DROP DATABASE d")
            .orThrow()
            .results();
    KeySpan span = TableKeys.recordSpan(SystemTables.JOB_TABLE_ID);
    List<String> seen = new ArrayList<>();
    for (var e :
        store.mvcc().snapshot(ByteString.copyFrom(span.start()), ByteString.copyFrom(span.end()))) {
      long jobId =
          TableKeys.decodeRecordKey(e.getKey().toByteArray()).handle() instanceof Handle.IntHandle h
              ? h.value()
              : -1;
      for (Version v : history(jobId)) {
        if (v.job() != null
            && v.job().jobState() == JobState.DONE
            && v.write().commitTs() > since) {
          seen.add(v.job().actionType().orElseThrow() + "@" + v.write().commitTs());
        }
      }
    }
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "CREATE_SCHEMA@" + ddl.get(0).commitTs(),
            "CREATE_TABLE@" + ddl.get(1).commitTs(),
            "ADD_COLUMN@" + ddl.get(2).commitTs(),
            "RENAME_TABLE@" + ddl.get(3).commitTs(),
            "TRUNCATE_TABLE@" + ddl.get(4).commitTs(),
            "DROP_TABLE@" + ddl.get(5).commitTs(),
            "DROP_SCHEMA@" + ddl.get(6).commitTs());
  }

  private static ColumnInfo col(TableInfo t, String name) {
    return t.column(name).orElseThrow();
  }

  private static byte[] bytes(Map<Long, ColumnValue> row, TableInfo t, String name) {
    return ((ColumnValue.Bytes) row.get(col(t, name).id())).value();
  }
}
