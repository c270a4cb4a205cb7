package io.tidb.cdc.sim.mvcc;

/** What a Percolator lock will write when its transaction commits. */
public enum LockOp {
  PUT,
  DELETE
}
