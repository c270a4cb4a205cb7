package io.tidb.cdc.worker.schema;

import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.HistoryInfo;
import io.tidb.cdc.tidb.meta.Job;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished DDL job and the ts it takes effect at. Like TiCDC, jobs read from TiKV take the commit
 * ts of the change that marked them done as their finished ts: a job in state {@code done} does not
 * carry one yet.
 */
public record DdlJob(Job job, long finishedTs, Source source) {

  /** Where the job was read from. */
  public enum Source {
    /** A row of {@code mysql.tidb_ddl_job} (TiDB 6.2 and later). */
    DDL_JOB_TABLE,
    /** A row of {@code mysql.tidb_ddl_history} (only CREATE TABLE, for fast create table). */
    DDL_HISTORY_TABLE,
    /** The meta job queues {@code DDLJobList} / {@code DDLJobAddIdxList} (before TiDB 6.2). */
    META_JOB_LIST,
    /** The meta history hash {@code DDLJobHistory} (before TiDB 6.2). */
    META_HISTORY,
    /** Handed over as a job object (tests, replays), finished ts from its binlog info. */
    GIVEN
  }

  public DdlJob {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(source, "source");
    if (job.binlog() == null) {
      throw new SchemaException(
          "DDL job " + job.id() + " (" + describe(job) + ") carries no binlog info");
    }
    if (finishedTs <= 0) {
      throw new SchemaException("DDL job " + job.id() + " has no finished ts");
    }
  }

  /** A job whose binlog info already holds its finished ts (a synced job, or a test's). */
  public static DdlJob of(Job job) {
    Objects.requireNonNull(job, "job");
    long finished = job.binlog() == null ? 0 : job.binlog().finishedTs();
    return new DdlJob(job, finished, Source.GIVEN);
  }

  public long id() {
    return job.id();
  }

  /** The action, empty for codes this build does not know. */
  public Optional<ActionType> action() {
    return job.actionType();
  }

  public HistoryInfo binlog() {
    return job.binlog();
  }

  public long schemaVersion() {
    return job.binlog().schemaVersion();
  }

  public String query() {
    return job.query() == null ? "" : job.query();
  }

  @Override
  public String toString() {
    return "DdlJob[id="
        + job.id()
        + " "
        + describe(job)
        + " finishedTs="
        + finishedTs
        + " version="
        + job.binlog().schemaVersion()
        + " from "
        + source
        + "]";
  }

  static String describe(Job job) {
    return job.actionType().map(Enum::name).orElse("action " + job.type());
  }
}
