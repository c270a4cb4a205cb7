package io.tidb.cdc.worker.schema;

import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.CIStr;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.HistoryInfo;
import io.tidb.cdc.tidb.meta.IndexColumn;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.Job;
import io.tidb.cdc.tidb.meta.PartitionDefinition;
import io.tidb.cdc.tidb.meta.PartitionInfo;
import io.tidb.cdc.tidb.meta.PartitionType;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import java.util.ArrayList;
import java.util.List;

/** Table, column and DDL job shapes as TiDB writes them, for tests. */
public final class Fixtures {
  private Fixtures() {}

  public static FieldType bigint() {
    return FieldType.of(MysqlType.LONGLONG).withLength(20, 0);
  }

  public static FieldType intType() {
    return FieldType.of(MysqlType.LONG).withLength(11, 0);
  }

  public static FieldType notNull(FieldType t) {
    return t.withAddedFlag(ColumnFlag.NOT_NULL);
  }

  /** A primary-key column's type: TiDB marks it NOT NULL and PRI_KEY. */
  public static FieldType pk(FieldType t) {
    return t.withAddedFlag(ColumnFlag.NOT_NULL | ColumnFlag.PRI_KEY);
  }

  public static FieldType varchar(int length, String collate) {
    return FieldType.of(MysqlType.VARCHAR).withLength(length, 0).withCharset("utf8mb4", collate);
  }

  public static ColumnInfo column(long id, String name, int offset, FieldType type) {
    return ColumnInfo.of(id, name, offset, type);
  }

  /** A table whose integer primary key (column 1, {@code id}) is the row handle. */
  public static TableInfo intPkTable(long id, String name, ColumnInfo... others) {
    List<ColumnInfo> cols = new ArrayList<>();
    cols.add(column(1, "id", 0, pk(bigint())));
    cols.addAll(List.of(others));
    return TableInfo.builder(id, name).columns(cols).pkIsHandle().build();
  }

  /** A primary or unique index over the columns at {@code offsets} of {@code cols}. */
  public static IndexInfo index(
      long id,
      String name,
      String table,
      List<ColumnInfo> cols,
      IndexInfo.IndexKind kind,
      int... offsets) {
    List<IndexColumn> ic = new ArrayList<>();
    for (int o : offsets) {
      ic.add(IndexColumn.of(cols.get(o).name().original(), o));
    }
    return IndexInfo.of(id, name, table, ic, kind);
  }

  /** A RANGE partitioned copy of {@code table} with the given partition IDs. */
  public static TableInfo partitioned(TableInfo table, long... partitionIds) {
    List<PartitionDefinition> defs = new ArrayList<>();
    for (int i = 0; i < partitionIds.length; i++) {
      defs.add(
          PartitionDefinition.range(
              partitionIds[i], "p" + i, List.of(String.valueOf((i + 1) * 100))));
    }
    return table.toBuilder()
        .partition(PartitionInfo.of(PartitionType.RANGE, "`id`", List.<CIStr>of(), defs))
        .build();
  }

  public static DBInfo db(long id, String name) {
    return DBInfo.of(id, name);
  }

  /** A synced job whose binlog holds {@code table}. */
  public static Job tableJob(
      long jobId,
      ActionType action,
      long schemaId,
      long tableId,
      TableInfo table,
      long version,
      long finishedTs) {
    return Job.finished(
        jobId,
        action,
        schemaId,
        tableId,
        "",
        table == null ? "" : table.name().original(),
        action.name().toLowerCase().replace('_', ' '),
        finishedTs - 1,
        new HistoryInfo(version, null, table, finishedTs, null));
  }

  /** A synced job whose binlog holds {@code db}. */
  public static Job schemaJob(
      long jobId, ActionType action, DBInfo db, long version, long finishedTs) {
    return Job.finished(
        jobId,
        action,
        db.id(),
        0,
        db.name().original(),
        "",
        action.name().toLowerCase().replace('_', ' '),
        finishedTs - 1,
        HistoryInfo.ofDatabase(version, db, finishedTs));
  }

  /** A synced job whose binlog holds several tables (CREATE TABLES, RENAME TABLES). */
  public static Job multiTableJob(
      long jobId,
      ActionType action,
      long schemaId,
      List<TableInfo> tables,
      long version,
      long finishedTs) {
    return Job.finished(
        jobId,
        action,
        schemaId,
        0,
        "",
        "",
        action.name().toLowerCase().replace('_', ' '),
        finishedTs - 1,
        new HistoryInfo(version, null, null, finishedTs, tables));
  }
}
