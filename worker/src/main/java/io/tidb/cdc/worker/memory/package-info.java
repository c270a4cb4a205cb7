/** Memory accounting shared by stages that hold data in the heap (matcher, sorter). */
package io.tidb.cdc.worker.memory;
