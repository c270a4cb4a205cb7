/**
 * Orders committed changes by (commit ts, start ts, key) and releases them up to the resolved ts.
 * The {@link io.tidb.cdc.worker.sorter.Sorter} contract lives here; implementations in {@code
 * memory} (heap only) and {@code spill} (memory quota, sorted runs on local disk).
 */
package io.tidb.cdc.worker.sorter;
