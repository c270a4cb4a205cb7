package io.tidb.cdc.sim.mvcc;

/** The kind of a record in the write column family. */
public enum WriteType {
  PUT,
  DELETE,
  ROLLBACK
}
