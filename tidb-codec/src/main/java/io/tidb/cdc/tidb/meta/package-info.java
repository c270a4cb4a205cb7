/**
 * TiDB's schema model as JSON ({@code pkg/meta/model}): databases, tables, columns, indexes,
 * partitions, DDL jobs and schema diffs, with TiDB's field names and codes.
 */
package io.tidb.cdc.tidb.meta;
