package io.tidb.cdc.sim.table;

import io.tidb.cdc.tidb.meta.IndexInfo;

/**
 * One index key-value pair of a row. {@code distinct} entries (unique index, no NULL) have no
 * handle in the key, so two rows with the same values collide on it.
 */
public record IndexEntry(IndexInfo index, byte[] key, byte[] value, boolean distinct) {}
