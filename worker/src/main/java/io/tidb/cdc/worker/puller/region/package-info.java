/**
 * Region bookkeeping of the puller: the region cache (regions and store addresses from PD) and the
 * per-span range lock (one live subscription per key range, stale epochs rejected, resume points).
 */
package io.tidb.cdc.worker.puller.region;
