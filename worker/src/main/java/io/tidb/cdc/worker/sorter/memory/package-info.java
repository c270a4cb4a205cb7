/** A heap-only {@link io.tidb.cdc.worker.sorter.Sorter} and the sort buffer other sorters reuse. */
package io.tidb.cdc.worker.sorter.memory;
