package io.tidb.cdc.sim.workload;

/**
 * What a workload run did.
 *
 * @param firstCommitTs commit ts of the first transaction of the run (0 if none)
 * @param lastCommitTs commit ts of the last one: dump at this ts for the final state
 */
public record WorkloadStats(
    long transactions,
    long inserts,
    long updates,
    long deletes,
    long ddls,
    long firstCommitTs,
    long lastCommitTs,
    long elapsedMillis) {

  /** Row changes (inserted, updated and deleted rows). */
  public long rowChanges() {
    return inserts + updates + deletes;
  }
}
