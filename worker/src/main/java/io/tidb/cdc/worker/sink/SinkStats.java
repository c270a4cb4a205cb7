package io.tidb.cdc.worker.sink;

/**
 * What a sink has accepted and made durable so far: rows and encoded bytes written, rows flushed,
 * DDLs applied, flushes completed.
 */
public record SinkStats(
    long rowsWritten, long bytesWritten, long rowsFlushed, long ddls, long flushes) {}
