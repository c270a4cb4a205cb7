/**
 * A {@link io.tidb.cdc.worker.sorter.Sorter} bounded by a per-changefeed memory quota that spills
 * sorted runs to local disk and k-way merges them on release. See {@link
 * io.tidb.cdc.worker.sorter.spill.SpillingSorter}.
 */
package io.tidb.cdc.worker.sorter.spill;
