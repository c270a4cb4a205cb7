package io.tidb.cdc.sim.ddl;

import io.tidb.cdc.sim.mvcc.Tso;
import io.tidb.cdc.sim.table.ColumnValues;
import io.tidb.cdc.sim.table.TableRows;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.Job;
import io.tidb.cdc.tidb.meta.MetaJson;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows of {@code mysql.tidb_ddl_job} and {@code mysql.tidb_ddl_history}, written the way TiDB's SQL
 * statements for them write: {@code insert into mysql.tidb_ddl_job(job_id, reorg, schema_ids,
 * table_ids, job_meta, type, processing)}, {@code update ... set job_meta = ...}, {@code delete ...
 * where job_id = ...}, and {@code insert ignore into mysql.tidb_ddl_history}. Both tables are keyed
 * by {@code job_id} (an int handle), so each job is one record key.
 */
final class JobRows {
  private final TableInfo jobTable;
  private final TableInfo historyTable;

  JobRows(TableInfo jobTable, TableInfo historyTable) {
    this.jobTable = jobTable;
    this.historyTable = historyTable;
  }

  /** Inserts or rewrites the job's row (TiDB rewrites the whole row on update). */
  void putJob(Txn txn, JobBuilder job, boolean processing) {
    Map<String, Object> v = new HashMap<>();
    v.put("job_id", job.id);
    v.put("reorg", job.mayNeedReorg() ? 1L : 0L);
    v.put("schema_ids", Long.toString(job.schemaId));
    v.put("table_ids", Long.toString(job.tableId));
    v.put("job_meta", MetaJson.write(job.build()));
    v.put("type", (long) job.type.code());
    v.put("processing", processing ? 1L : 0L);
    put(txn, jobTable, job.id, v);
  }

  void deleteJob(Txn txn, long jobId) {
    txn.delete(TableRows.recordKey(jobTable, new Handle.IntHandle(jobId)));
  }

  void putHistory(Txn txn, Job job) {
    Map<String, Object> v = new HashMap<>();
    v.put("job_id", job.id());
    v.put("job_meta", MetaJson.write(job));
    v.put("db_name", job.schemaName());
    v.put("table_name", job.tableName());
    v.put("schema_ids", Long.toString(job.schemaId()));
    v.put("table_ids", Long.toString(job.tableId()));
    v.put("create_time", timeOf(job.startTs()));
    put(txn, historyTable, job.id(), v);
  }

  /** A TSO timestamp's physical time in UTC ({@code model.TSConvert2Time}). */
  static LocalDateTime timeOf(long ts) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(Tso.physicalOf(ts)), ZoneOffset.UTC);
  }

  private static void put(Txn txn, TableInfo table, long handle, Map<String, Object> byName) {
    Map<Long, ColumnValue> row = new LinkedHashMap<>();
    for (ColumnInfo c : table.publicColumns()) {
      row.put(c.id(), ColumnValues.convert(byName.get(c.name().lower()), c));
    }
    Handle h = new Handle.IntHandle(handle);
    txn.put(TableRows.recordKey(table, h), TableRows.encodeValue(table, row));
  }
}
