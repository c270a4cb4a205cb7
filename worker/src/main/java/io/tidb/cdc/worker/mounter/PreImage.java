package io.tidb.cdc.worker.mounter;

/** How much of the row before the change a row change carries. */
public enum PreImage {
  /** None: inserts and upserts. */
  NONE,
  /** Every column, from the old value (updates, deletes with old values). */
  FULL,
  /**
   * Only the key columns that can be read back from the record key: the integer primary key, or the
   * clustered primary-key columns whose key form is the value itself. Deletes without old values
   * carry this; a sink must check that the columns it keys rows by are all present.
   */
  KEY_COLUMNS
}
