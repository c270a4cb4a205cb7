package io.tidb.cdc.worker.mounter;

/** What a row change does downstream. */
public enum RowChangeType {
  /** A new row: a put without an old value while old values were requested. */
  INSERT,
  /** A changed row: a put with an old value; the row change carries both images. */
  UPDATE,
  /** A removed row. */
  DELETE,
  /**
   * A put while old values were not requested: insert or update cannot be told apart, so the sink
   * must write it idempotently (REPLACE / upsert). Carries the new image only.
   */
  UPSERT
}
