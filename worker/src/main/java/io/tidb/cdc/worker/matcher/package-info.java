/**
 * Percolator matching per region: turns TiKV's EventFeed rows (PREWRITE, COMMIT, ROLLBACK,
 * COMMITTED, INITIALIZED) into committed {@link io.tidb.cdc.worker.event.RawKvEvent}s. One {@link
 * io.tidb.cdc.worker.matcher.RegionMatcher} per subscribed region; memory of unmatched prewrites is
 * charged to a shared {@link io.tidb.cdc.worker.memory.MemoryQuota}.
 */
package io.tidb.cdc.worker.matcher;
