package io.tidb.cdc.worker.mounter;

/** The outcome of mounting one raw change: a row change, or a skip with its reason. */
public sealed interface MountResult {
  record Row(RowChange change) implements MountResult {}

  record Skip(SkipReason reason, String detail) implements MountResult {}
}
