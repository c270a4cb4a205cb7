package io.tidb.cdc.tidb.meta;

/**
 * IDs TiDB reserves for system schema objects ({@code pkg/meta/metadef}). User objects get IDs in
 * {@code [1, RESERVED_LOWER_BOUND]}.
 */
public final class SystemTableIds {
  public static final long RESERVED_UPPER_BOUND = 0x0000_FFFF_FFFF_FFFFL;
  public static final long RESERVED_LOWER_BOUND = RESERVED_UPPER_BOUND - 1000;

  /** The {@code mysql} database. */
  public static final long SYSTEM_DATABASE_ID = RESERVED_UPPER_BOUND;

  /** {@code mysql.tidb_ddl_job}: DDL jobs being run (TiCDC reads them from here). */
  public static final long DDL_JOB_TABLE_ID = RESERVED_UPPER_BOUND - 1;

  public static final long DDL_REORG_TABLE_ID = RESERVED_UPPER_BOUND - 2;

  /** {@code mysql.tidb_ddl_history}: finished DDL jobs. */
  public static final long DDL_HISTORY_TABLE_ID = RESERVED_UPPER_BOUND - 3;

  public static final long MDL_INFO_TABLE_ID = RESERVED_UPPER_BOUND - 4;

  private SystemTableIds() {}
}
