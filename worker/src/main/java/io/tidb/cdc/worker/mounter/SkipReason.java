package io.tidb.cdc.worker.mounter;

/** Why a raw change produced no row change. None of these is an error. */
public enum SkipReason {
  /** The key is no table record key (meta data, or another key space). */
  NOT_A_RECORD_KEY,
  /** An index entry: TiCDC replicates rows, not index entries. */
  INDEX_KEY,
  /** No table in the schema at the commit ts owns the key's table ID (dropped, or never known). */
  TABLE_NOT_IN_SCHEMA,
  /** The table ID was replaced by TRUNCATE (or partition reorganization); late writes are moot. */
  TABLE_TRUNCATED,
  /** The table has no primary key or NOT NULL unique key, and force-replicate is off. */
  TABLE_INELIGIBLE
}
