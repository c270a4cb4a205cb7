/**
 * The mounter: turns a committed raw row change ({@code t{id}_r{handle}} key, row value in format
 * v1 or v2, old value) into a typed {@link io.tidb.cdc.worker.mounter.RowChange} using the schema
 * in force at its commit ts. Index keys and keys of other kinds are skipped with a reason, never an
 * error; a value that does not decode is a {@link io.tidb.cdc.worker.mounter.MountException} naming
 * the table, the key and the problem.
 */
package io.tidb.cdc.worker.mounter;
