/**
 * Multi-version schema storage: a snapshot of TiDB's schema read from its meta keys at the start ts
 * ({@link io.tidb.cdc.worker.schema.SnapshotLoader}), DDL jobs parsed from {@code
 * mysql.tidb_ddl_job} changes ({@link io.tidb.cdc.worker.schema.DdlJobParser}) and applied in
 * commit order ({@link io.tidb.cdc.worker.schema.SchemaStorage}), and immutable per-version views
 * ({@link io.tidb.cdc.worker.schema.SchemaSnapshot}) that the mounter reads with {@code
 * schemaAt(ts)}.
 */
package io.tidb.cdc.worker.schema;
