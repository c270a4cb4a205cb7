/**
 * {@code file://DIR?protocol=canal-json}: TiCDC's storage-sink layout on a local directory.
 *
 * <pre>
 * DIR/checkpoint.json                                  {"checkpoint-ts":N}, the changefeed checkpoint
 * DIR/db/meta/schema_VERSION_CHECKSUM.json             database DDL (TiCDC's table definition JSON)
 * DIR/db/table/meta/schema_VERSION_CHECKSUM.json       table schema per version; DDL carry their query
 * DIR/db/table/[PHYSICAL_ID/]FIRST-LAST.json           rows with commit ts FIRST..LAST, one message a line
 * </pre>
 *
 * Every file appears complete or not at all (written as {@code .tmp}, synced, renamed, directory
 * synced); a transaction never spans two data files; the checkpoint file is written only after the
 * data it covers is durable. {@link io.tidb.cdc.worker.sink.file.FileSinkReader} replays such a
 * directory.
 */
package io.tidb.cdc.worker.sink.file;
