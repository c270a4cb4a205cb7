package io.tidb.cdc.sim.ddl;

import io.tidb.cdc.sim.catalog.Meta;
import io.tidb.cdc.sim.catalog.SystemTables;
import io.tidb.cdc.sim.txn.KvStore;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.meta.HistoryInfo;
import io.tidb.cdc.tidb.meta.Job;
import io.tidb.cdc.tidb.meta.JobState;
import io.tidb.cdc.tidb.meta.SchemaDiff;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs DDL tasks through TiDB's job lifecycle (v8, {@code tidb_ddl_job} table), one transaction per
 * step as TiDB's DDL owner does:
 *
 * <ol>
 *   <li>submit: allocate the task's IDs and the job ID from {@code NextGlobalID}, insert the job
 *       row (state queueing, processing 0);
 *   <li>mark processing: {@code update mysql.tidb_ddl_job set processing = 1};
 *   <li>one transaction per schema state: the meta change, a new schema version and its diff, and
 *       the job row updated with the job (running, then done with the binlog's schema version and
 *       info on the last step) — TiCDC takes the done row at this commit ts as the DDL;
 *   <li>finish: state synced, FinishedTS = this transaction's start ts, delete the job row, insert
 *       into {@code tidb_ddl_history} and the {@code DDLJobHistory} meta hash.
 * </ol>
 *
 * Callers serialise DDL (TiDB has a single DDL owner).
 */
public final class DdlRunner {
  private final KvStore store;
  private final AtomicLong seq = new AtomicLong();

  public DdlRunner(KvStore store) {
    this.store = store;
  }

  /** The outcome of a job: its ID, the commit ts of its done step, its final schema version. */
  public record Result(long jobId, long commitTs, long schemaVersion) {}

  public Result run(DdlTask task) {
    JobRows rows = jobRows();
    JobBuilder job = new JobBuilder();
    job.type = task.action();
    job.query = task.query();

    // 1. submit
    Txn submit = Txn.begin(store);
    Meta meta = new Meta(submit);
    int n = task.idsNeeded();
    long first = meta.genGlobalIds(n + 1);
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = first + i;
    }
    task.assignIds(ids);
    job.id = first + n;
    DdlTask.Target target = task.target();
    job.schemaId = target.schemaId();
    // TiDB records the lower-case names (Name.L) in the job.
    job.schemaName = target.schemaName().toLowerCase(Locale.ROOT);
    job.tableId = target.tableId();
    job.tableName = target.tableName().toLowerCase(Locale.ROOT);
    job.rawArgs = target.args();
    job.involvingSchemaInfo = target.involving();
    job.startTs = submit.startTs();
    job.state = JobState.QUEUEING;
    rows.putJob(submit, job, false);
    submit.commit();

    // 2. mark processing
    Txn mark = Txn.begin(store);
    rows.putJob(mark, job, true);
    mark.commit();

    // 3. one transaction per schema state
    List<SchemaState> states = task.states();
    long doneTs = 0;
    long version = 0;
    for (int i = 0; i < states.size(); i++) {
      boolean last = i == states.size() - 1;
      Txn step = Txn.begin(store);
      Meta m = new Meta(step);
      if (job.realStartTs == 0) {
        job.realStartTs = step.startTs();
      }
      DdlTask.Step s = task.apply(m, i);
      version = m.genSchemaVersion();
      m.setSchemaDiff(diff(version, job, s));
      job.state = last ? JobState.DONE : JobState.RUNNING;
      job.schemaState = states.get(i);
      if (last) {
        job.binlog = new HistoryInfo(version, s.dbInfo(), s.tableInfo(), 0, null);
        if (s.finishedArgs() != null) {
          job.rawArgs = s.finishedArgs();
        }
      }
      rows.putJob(step, job, true);
      long ts = step.commit().orElseThrow();
      if (last) {
        doneTs = ts;
      }
    }

    // 4. finish: synced, into history
    Txn finish = Txn.begin(store);
    job.state = JobState.SYNCED;
    job.binlog =
        new HistoryInfo(
            job.binlog.schemaVersion(),
            job.binlog.dbInfo(),
            job.binlog.tableInfo(),
            finish.startTs(),
            job.binlog.multipleTableInfos());
    job.seqNum = seq.incrementAndGet();
    Job done = job.build();
    rows.deleteJob(finish, job.id);
    rows.putHistory(finish, done);
    new Meta(finish).addHistoryJob(done);
    finish.commit();
    return new Result(job.id, doneTs, version);
  }

  private static SchemaDiff diff(long version, JobBuilder job, DdlTask.Step s) {
    return new SchemaDiff(
        version,
        job.type.code(),
        s.diffSchemaId(),
        s.diffTableId(),
        null,
        s.oldTableId(),
        s.oldSchemaId(),
        false,
        false,
        null);
  }

  private JobRows jobRows() {
    Meta meta = new Meta(Txn.begin(store));
    long mysqlId =
        meta.listDatabases().stream()
            .filter(d -> d.name().lower().equals(SystemTables.SYSTEM_DB))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the store is not bootstrapped"))
            .id();
    TableInfo jobs = meta.table(mysqlId, SystemTables.JOB_TABLE_ID).orElseThrow();
    TableInfo history = meta.table(mysqlId, SystemTables.HISTORY_TABLE_ID).orElseThrow();
    return new JobRows(jobs, history);
  }
}
