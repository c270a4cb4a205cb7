package io.tidb.cdc.worker.schema;

/**
 * What a sink needs to know about a column beyond its type, as TiCDC's column flags say it: key
 * membership, nullability, signedness, binary-ness, and whether it is generated.
 */
public enum ColumnAttr {
  /** Part of the primary key. */
  PRIMARY_KEY,
  /** The first column of a unique index. */
  UNIQUE_KEY,
  /** The first column of a non-unique index. */
  MULTIPLE_KEY,
  /**
   * Part of the key that identifies a row downstream: the primary key, or else the smallest unique
   * index whose columns are all NOT NULL (TiCDC's "handle key").
   */
  HANDLE_KEY,
  NULLABLE,
  UNSIGNED,
  /** A binary string (BINARY, VARBINARY, BLOB or the binary collation): bytes, not text. */
  BINARY,
  /** A stored generated column. */
  GENERATED
}
