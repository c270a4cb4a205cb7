package io.tidb.cdc.worker.event;

/** What a committed change does to its key. */
public enum OpType {
  PUT,
  DELETE
}
