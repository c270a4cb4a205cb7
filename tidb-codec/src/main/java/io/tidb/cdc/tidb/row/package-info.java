/**
 * Record values: row format v2 (encode and decode), row format v1 (encode and decode), and the
 * typed {@link io.tidb.cdc.tidb.row.ColumnValue} model they map to per column type.
 */
package io.tidb.cdc.tidb.row;
