package io.tidb.cdc.worker.matcher;

/**
 * A point-in-time view of one region matcher, for metrics and tests.
 *
 * @param heldPrewrites prewrites waiting for their commit, with values
 * @param heldBytes bytes charged to the quota for them
 * @param evictedTxns transactions whose prewrite values this region no longer holds
 * @param markers evicted prewrites remembered by key while the region is still scanning
 * @param cachedCommits commits waiting for the region to be initialized
 * @param cachedRollbacks rollbacks waiting for the region to be initialized
 * @param snapshotReads point reads issued for evicted values
 * @param droppedCommits early commits with no prewrite at initialization (already delivered as
 *     COMMITTED by the incremental scan)
 */
public record MatcherStats(
    int heldPrewrites,
    long heldBytes,
    int evictedTxns,
    int markers,
    int cachedCommits,
    int cachedRollbacks,
    long snapshotReads,
    long droppedCommits) {}
